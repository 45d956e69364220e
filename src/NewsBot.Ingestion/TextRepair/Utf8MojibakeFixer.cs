using System.Text;

namespace NewsBot.Ingestion.TextRepair;

/// <summary>
/// Undoes UTF-8 that was decoded as Windows-1252, Latin-1 or Mac Roman, possibly more than once: suspicious text is
/// re-encoded with the charset and decoded as UTF-8, and the result is kept only when it decodes cleanly and is
/// less bad (<see cref="MojibakeBadness"/>). The whole document is tried first, then each bad line, then — for lines
/// that mix correct text with mojibake — each bad run of UTF-8-shaped characters on its own.
/// </summary>
internal static class Utf8MojibakeFixer
{
    // Text garbled more often than this is not worth guessing at.
    private const int MaxLayers = 4;

    private static readonly Utf8SequenceReader[] Readers =
    [
        new(SingleByteCharset.Windows1252, acceptsLostBytes: true),
        new(SingleByteCharset.MacRoman, acceptsLostBytes: false),
    ];

    /// <summary>Returns <paramref name="text"/> itself when there is nothing to fix.</summary>
    public static string Fix(string text)
    {
        if (!MojibakeBadness.IsBad(text)) return text;
        return FixLines(DecodeLayers(text, allowRuns: false));
    }

    private static string FixLines(string text)
    {
        StringBuilder? sb = null;
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            var line = text.AsSpan(start, end - start);
            var repaired = MojibakeBadness.IsBad(line) ? DecodeLayers(line.ToString(), allowRuns: true) : null;
            if (repaired is not null && !line.SequenceEqual(repaired))
            {
                sb ??= new StringBuilder(text.Length).Append(text, 0, start);
                sb.Append(repaired);
            }
            else
            {
                sb?.Append(line);
            }
            if (end < text.Length) sb?.Append('\n');
            start = end + 1;
        }
        return sb?.ToString() ?? text;
    }

    private static string DecodeLayers(string text, bool allowRuns)
    {
        var current = text;
        for (var layer = 0; layer < MaxLayers; layer++)
        {
            var badness = MojibakeBadness.Count(current);
            if (badness == 0) break;
            var better = BestWholeDecoding(current, badness) ?? (allowRuns ? BestRunDecoding(current, badness) : null);
            if (better is null) break;
            current = better;
        }
        return ReferenceEquals(current, text) ? text : C1Controls.ToWindows1252(current);
    }

    private static string? BestWholeDecoding(string text, int badness)
    {
        string? best = null;
        var bestBadness = badness;
        foreach (var reader in Readers)
        {
            var candidate = reader.DecodeWhole(text);
            if (candidate is null) continue;
            var candidateBadness = MojibakeBadness.Count(candidate);
            if (candidateBadness < bestBadness) (best, bestBadness) = (candidate, candidateBadness);
        }
        return best;
    }

    /// <summary>
    /// For text that mixes correct characters with mojibake, where no charset reads the whole of it: decodes each
    /// bad run on its own. All runs together must take away at least half of the badness, which keeps hopeless
    /// garble (where decoding a few runs only shuffles the noise) as it was.
    /// </summary>
    private static string? BestRunDecoding(string text, int badness)
    {
        string? best = null;
        var bestBadness = badness;
        foreach (var reader in Readers)
        {
            var candidate = DecodeBadRuns(text, reader);
            if (candidate is null) continue;
            var candidateBadness = MojibakeBadness.Count(candidate);
            if (candidateBadness < bestBadness && candidateBadness * 2 <= badness)
                (best, bestBadness) = (candidate, candidateBadness);
        }
        return best;
    }

    private static string? DecodeBadRuns(string text, Utf8SequenceReader reader)
    {
        var sb = new StringBuilder(text.Length);
        var decoded = new StringBuilder();
        var changed = false;
        for (var i = 0; i < text.Length;)
        {
            var runStart = i;
            decoded.Clear();
            while (i < text.Length && text[i] >= 0x80 && reader.Read(text, i, out var codePoint) is var length and > 0)
            {
                decoded.Append(new Rune(codePoint));
                i += length;
            }
            if (i == runStart)
            {
                sb.Append(text[i++]);
                continue;
            }
            if (MojibakeBadness.Count(text, runStart, i) > 0 && !FollowsGarble(text, runStart, reader.Charset))
            {
                sb.Append(decoded);
                changed = true;
            }
            else
            {
                sb.Append(text.AsSpan(runStart, i - runStart));
            }
        }
        return changed ? sb.ToString() : null;
    }

    /// <summary>
    /// A run right after a symbol that could only be a stray UTF-8 continuation byte sits in the middle of garble
    /// that does not decode; fixing a few runs inside it would only make different garbage.
    /// </summary>
    private static bool FollowsGarble(string text, int runStart, SingleByteCharset charset)
    {
        if (runStart == 0) return false;
        var before = text[runStart - 1];
        return before >= 0x80 && !"\u00A0–—‘’‚“”„•…".Contains(before)
            && charset.TryEncode(before, out var b) && b is >= 0x80 and <= 0xBF;
    }
}
