using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers.Digest;

/// <summary>
/// An ATX heading line: its level, its text and, for story headings such as "#### [Title](url)", the link.
/// </summary>
internal sealed partial record DigestHeading(int Level, string Text, MarkdownLink? Link)
{
    /// <summary>"#### [… But, AI is helping… ]": a story heading whose link was never filled in.</summary>
    public bool IsUnlinkedStoryTitle => Link is null && Text.Length > 1 && Text[0] == '[' && Text[^1] == ']';

    public static bool IsHeading(string line) => Measure(line, out _, out _);

    public static DigestHeading? TryParse(string line)
    {
        if (!Measure(line, out var level, out var textStart)) return null;
        var text = ClosingHashes().Replace(line[textStart..], "").Trim();
        // "#### Tools#### Business": an empty sub-section glued to the next one; the last heading is the real one.
        if (!text.StartsWith('['))
            text = GluedHeading().Split(text).LastOrDefault(part => part.Trim().Length > 0)?.Trim() ?? "";
        return new DigestHeading(level, text, MarkdownLink.AtStart(text));
    }

    /// <summary>Up to three spaces, one to six '#', then a space, a '[' (as in "####[Title](url)") or the line's end.</summary>
    private static bool Measure(string line, out int level, out int textStart)
    {
        level = 0;
        textStart = 0;
        var i = 0;
        while (i < line.Length && i < 3 && line[i] == ' ') i++;
        var hashes = i;
        while (i < line.Length && line[i] == '#') i++;
        level = i - hashes;
        textStart = i;
        return level is >= 1 and <= 6 && (i == line.Length || line[i] is ' ' or '\t' or '[');
    }

    [GeneratedRegex(@"[ \t]+#+[ \t]*$")]
    private static partial Regex ClosingHashes();

    [GeneratedRegex(@"#{2,}[ \t]*")]
    private static partial Regex GluedHeading();
}
