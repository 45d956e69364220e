namespace NewsBot.Ingestion.Readers.Transcript;

/// <summary>
/// Chooses where segments start: the set of sentence starts with the most boundary evidence such that every
/// segment has between <see cref="MinWords"/> and <see cref="MaxWords"/> words (the opening and closing segments
/// may be shorter). Dynamic programming over sentences, linear in their number times the sentences per segment.
/// </summary>
internal static class SegmentPlanner
{
    public const int MinWords = 200;
    public const int MaxWords = 800;

    /// <summary>
    /// What a boundary must be worth to be drawn for its own sake. Announced transitions clear it; a vocabulary dip
    /// alone does not, so it decides only where an over-long story has to be cut.
    /// </summary>
    public const double CutCost = 4;

    /// <param name="words">Word count of each sentence.</param>
    /// <param name="boundary">Evidence for a boundary at the start of each sentence (index 0 unused).</param>
    /// <returns>The index of each segment's first sentence, starting with 0.</returns>
    public static List<int> Plan(IReadOnlyList<int> words, IReadOnlyList<double> boundary)
    {
        var n = words.Count;
        if (n == 0) return [];
        var prefix = new int[n + 1];
        for (var i = 0; i < n; i++) prefix[i + 1] = prefix[i] + words[i];

        var best = new double[n + 1];
        var from = new int[n + 1];
        Array.Fill(best, double.NegativeInfinity);
        best[0] = 0;
        for (var end = 1; end <= n; end++)
        {
            for (var start = end - 1; start >= 0 && prefix[end] - prefix[start] <= MaxWords; start--)
            {
                if (double.IsNegativeInfinity(best[start])) continue;
                var length = prefix[end] - prefix[start];
                if (length < MinWords && start != 0 && end != n) continue;
                var score = best[start] + (start == 0 ? 0 : boundary[start] - CutCost);
                if (score > best[end])
                {
                    best[end] = score;
                    from[end] = start;
                }
            }
        }
        if (double.IsNegativeInfinity(best[n]))
            throw new InvalidOperationException($"No segmentation within {MinWords}–{MaxWords} words; sentences are longer than {SentenceSplitter.MaxUnitWords} words.");

        var starts = new List<int>();
        for (var end = n; end > 0; end = from[end]) starts.Add(from[end]);
        starts.Reverse();
        return starts;
    }
}
