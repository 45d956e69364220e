namespace NewsBot.Domain.Text;

/// <summary>
/// Finds sentence boundaries in news prose. Passages are cut on them and answers quote them, so a quote is always
/// a verbatim span of the story. Tuned for English news: abbreviations ("U.S.", "Dr.", "e.g."), decimals ("3.5"),
/// initials and version numbers do not end a sentence; a line break always does.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "inc", "ltd", "co", "corp", "no", "fig", "al",
        "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "a.i", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "approx", "est", "gen", "gov", "sen", "rep", "mt", "ft", "vol", "dept", "univ", "rev",
    };

    /// <summary>Sentence spans of <paramref name="text"/>, trimmed, in order, never empty.</summary>
    public static List<TextSpan> Split(string text)
    {
        var spans = new List<TextSpan>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                Add(text, start, i, spans);
                start = i + 1;
                continue;
            }
            if (c is not ('.' or '!' or '?' or '…')) continue;

            var end = i + 1;
            while (end < text.Length && text[end] is '.' or '!' or '?' or '"' or '\'' or '”' or '’' or ')' or ']' or '*') end++;
            if (end >= text.Length) break;
            if (!char.IsWhiteSpace(text[end])) continue;
            var next = end;
            while (next < text.Length && text[next] is ' ' or '\t') next++;
            if (next < text.Length && text[next] != '\n' && !StartsSentence(text[next])) continue;
            if (c == '.' && IsAbbreviation(text, start, i)) continue;

            Add(text, start, end, spans);
            start = end;
            i = end - 1;
        }
        Add(text, start, text.Length, spans);
        return spans;
    }

    public static IEnumerable<string> SplitToStrings(string text) => Split(text).Select(s => text.Substring(s.Start, s.Length));

    private static bool StartsSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '"' or '“' or '‘' or '\'' or '(' or '[' or '*' or '$' or '€' or '£' || char.IsSymbol(c) || char.IsSurrogate(c);

    /// <summary>"Dr." or "U.S." or a single initial ("J. Smith") before the period.</summary>
    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        var w = dot;
        while (w > sentenceStart && !char.IsWhiteSpace(text[w - 1]) && text[w - 1] is not ('(' or '"' or '“')) w--;
        var word = text.AsSpan(w, dot - w);
        if (word.Length == 0) return false;
        if (word.Length == 1 && char.IsUpper(word[0])) return true;
        return Abbreviations.Contains(word.ToString());
    }

    private static void Add(string text, int start, int end, List<TextSpan> spans)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start) spans.Add(new TextSpan(start, end - start));
    }
}

/// <summary>A span of a string: where it starts and how long it is.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;
}
