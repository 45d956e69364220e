namespace NewsBot.Ingestion.Readers.Transcript;

/// <summary>
/// TextTiling: how sharply the vocabulary changes at each sentence start. The words used just before and just
/// after a gap are compared; where the talk moves to a new topic they overlap little, and the dip is deep
/// relative to the similarity on either side.
/// </summary>
internal static class LexicalCohesion
{
    // Enough content words on each side of a gap for the comparison to mean something (about a minute of talk).
    private const int BlockTerms = 60;

    /// <summary>Depth of the similarity valley at the start of each sentence (0 for the first), from 0 up to 2.</summary>
    public static double[] Depths(IReadOnlyList<string[]> sentenceTerms)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var sentences = sentenceTerms.Select(terms => terms.Select(t => ids.TryAdd(t, ids.Count) ? ids.Count - 1 : ids[t]).ToArray()).ToList();
        var left = new BlockCounts(ids.Count);
        var right = new BlockCounts(ids.Count);

        var n = sentences.Count;
        var similarity = new double[n];
        for (var gap = 1; gap < n; gap++)
        {
            left.Fill(sentences, gap - 1, -1);
            right.Fill(sentences, gap, +1);
            similarity[gap] = left.Cosine(right);
        }
        var smooth = Smooth(similarity);

        var depth = new double[n];
        for (var gap = 1; gap < n; gap++)
            depth[gap] = Peak(smooth, gap, -1) - smooth[gap] + Peak(smooth, gap, +1) - smooth[gap];
        return depth;
    }

    // Single sentences are noisy; a three-sentence average keeps valleys from being one-off blips.
    private static double[] Smooth(double[] values)
    {
        var smooth = new double[values.Length];
        for (var i = 1; i < values.Length; i++)
        {
            var from = Math.Max(1, i - 1);
            var to = Math.Min(values.Length - 1, i + 1);
            double sum = 0;
            for (var j = from; j <= to; j++) sum += values[j];
            smooth[i] = sum / (to - from + 1);
        }
        return smooth;
    }

    /// <summary>The highest similarity reached climbing away from the gap while it keeps rising.</summary>
    private static double Peak(double[] values, int gap, int direction)
    {
        var peak = values[gap];
        for (var i = gap + direction; i >= 1 && i < values.Length && values[i] >= peak; i += direction)
            peak = values[i];
        return peak;
    }

    /// <summary>Term counts of a block of sentences, reused from gap to gap so that no gap allocates.</summary>
    private sealed class BlockCounts(int vocabulary)
    {
        private readonly int[] _counts = new int[vocabulary];
        private readonly List<int> _present = [];

        /// <summary>Counts the sentences from <paramref name="first"/> walking in <paramref name="direction"/> until the block is full.</summary>
        public void Fill(List<int[]> sentences, int first, int direction)
        {
            foreach (var id in _present) _counts[id] = 0;
            _present.Clear();
            var taken = 0;
            for (var i = first; i >= 0 && i < sentences.Count && taken < BlockTerms; i += direction)
            {
                foreach (var id in sentences[i])
                    if (_counts[id]++ == 0) _present.Add(id);
                taken += sentences[i].Length;
            }
        }

        public double Cosine(BlockCounts other)
        {
            double dot = 0, norm = 0, otherNorm = 0;
            foreach (var id in _present)
            {
                norm += _counts[id] * _counts[id];
                dot += _counts[id] * other._counts[id];
            }
            foreach (var id in other._present) otherNorm += other._counts[id] * other._counts[id];
            return norm == 0 || otherNorm == 0 ? 0 : dot / Math.Sqrt(norm * otherNorm);
        }
    }
}
