using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers.Digest;

/// <summary>
/// First pass over a digest body: keeps the lines that carry text or structure and blanks out the rest (embedded
/// HTML blocks such as tweets, figures and players; image lines; bare embed URLs; sign-offs; placeholders).
/// A blank ("") only separates paragraphs, so blanking never glues two paragraphs together.
/// </summary>
internal static partial class DigestLineFilter
{
    private static readonly string[] BlockTags =
        ["figure", "iframe", "script", "style", "blockquote", "div", "video", "audio", "center", "table", "object", "embed", "noscript", "figcaption"];

    private const string Comment = "!--";

    public static List<string> Filter(IReadOnlyList<string> lines)
    {
        var output = new List<string>(lines.Count);
        string? openTag = null;
        var depth = 0;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            var trimmed = line.TrimStart();
            // A heading inside an HTML block means the block was never closed: stop skipping rather than lose the rest.
            if (openTag is not null && !DigestHeading.IsHeading(line))
            {
                depth += Nesting(trimmed, openTag);
                if (depth <= 0) openTag = null;
                output.Add("");
                continue;
            }
            openTag = null;
            if (OpenedBlock(trimmed) is { } tag)
            {
                depth = Nesting(trimmed, tag);
                if (depth > 0) openTag = tag;
                output.Add("");
            }
            // A link broken over two lines ("[One-Shot Imitation…\n](http://…)") is rejoined.
            else if (trimmed.StartsWith("](", StringComparison.Ordinal) && output.Count > 0 && output[^1].Length > 0)
                output[^1] += trimmed;
            else if (IsNoise(trimmed))
                output.Add("");
            // "[^duplex]: a new technology …" keeps its explanation as a paragraph of the story, without the marker.
            else
                output.Add(trimmed.StartsWith("[^", StringComparison.Ordinal) ? FootnoteDefinition().Replace(line, "") : line);
        }
        return output;
    }

    private static string? OpenedBlock(string trimmed)
    {
        if (trimmed.Length < 2 || trimmed[0] != '<') return null;
        if (trimmed.StartsWith("<!--", StringComparison.Ordinal)) return Comment;
        foreach (var tag in BlockTags)
            if (trimmed.AsSpan(1).StartsWith(tag, StringComparison.OrdinalIgnoreCase)
                && (trimmed.Length == tag.Length + 1 || !char.IsLetterOrDigit(trimmed[tag.Length + 1])))
                return tag;
        return null;
    }

    /// <summary>How many <paramref name="tag"/> blocks this line opens minus how many it closes.</summary>
    private static int Nesting(string line, string tag)
    {
        if (tag == Comment) return Count(line, "<!--") - Count(line, "-->");
        var opens = 0;
        var open = "<" + tag;
        for (var i = line.IndexOf(open, StringComparison.OrdinalIgnoreCase); i >= 0; i = line.IndexOf(open, i + 1, StringComparison.OrdinalIgnoreCase))
            if (i + open.Length == line.Length || !char.IsLetterOrDigit(line[i + open.Length])) opens++;
        return opens - Count(line, "</" + tag);
    }

    private static int Count(string line, string what)
    {
        var n = 0;
        for (var i = line.IndexOf(what, StringComparison.OrdinalIgnoreCase); i >= 0; i = line.IndexOf(what, i + what.Length, StringComparison.OrdinalIgnoreCase)) n++;
        return n;
    }

    private static bool IsNoise(string trimmed) =>
        trimmed.Length == 0
        || IsOnlyImages(trimmed)
        || OnlyTagsUrlOrMarkup().IsMatch(trimmed)
        || DigestBoilerplate.IsBoilerplateLine(trimmed)
        || (!DigestHeading.IsHeading(trimmed) && DigestBoilerplate.IsPlaceholder(trimmed));

    private static bool IsOnlyImages(string trimmed)
    {
        var i = 0;
        while (i < trimmed.Length)
        {
            if (char.IsWhiteSpace(trimmed[i])) { i++; continue; }
            if (!MarkdownLink.TryParse(trimmed, i, out var image) || !image.IsImage) return false;
            i = image.End;
        }
        return true;
    }

    // Lines made only of HTML tags (<hr>, <img …/>), a bare embed URL, a code fence, a liquid/kramdown tag or "* TOC".
    [GeneratedRegex(@"^(?:(?:<[^>]*>\s*)+|<?https?://\S+>?|```.*|\{[:%{].*|\* TOC)$", RegexOptions.IgnoreCase)]
    private static partial Regex OnlyTagsUrlOrMarkup();

    [GeneratedRegex(@"^\s*\[\^[^\]]+\]:\s*")]
    private static partial Regex FootnoteDefinition();
}
