using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers.Digest;

/// <summary>
/// The lines under a story heading that credit where it came from: bylines ("**James Vincent, The Verge**",
/// "##### Will Knight, MIT Tech Review", "> Jeremy Kahn, Bloomberg | from the [June 18th edition](…)") and
/// 2018's source lines ("> Wired, ["Title"](url)", "> Cade Metz, New York Times -- [Title](url)").
/// </summary>
internal static partial class SourceCredit
{
    /// <summary>A blockquote line that names a source and ends with the link to its article.</summary>
    public static bool IsCreditLine(string line) => TryReadCreditLine(line, out _, out _);

    /// <summary>Reads "> Source, [Title](url)": the credit text before the link and the link itself.</summary>
    public static bool TryReadCreditLine(string line, out string credit, out MarkdownLink link)
    {
        credit = "";
        link = default;
        var content = line.TrimStart();
        if (!content.StartsWith('>')) return false;
        content = content.TrimStart('>', ' ').TrimEnd();
        var open = content.IndexOf('[');
        // Credits are short; a long quotation that happens to end in a link is body text.
        if (open is < 0 or > 150 || !MarkdownLink.TryParse(content, open, out link) || link.IsImage || link.End != content.Length) return false;
        credit = content[..open];
        return true;
    }

    /// <summary>"**Author, Publication**" (optionally "| from the …" after it) on its own line.</summary>
    public static bool TryReadBoldByline(string line, out string credit)
    {
        credit = "";
        var trimmed = line.Trim();
        if (!trimmed.StartsWith("**", StringComparison.Ordinal)) return false;
        var match = BoldByline().Match(trimmed);
        credit = match.Success ? match.Groups["credit"].Value : "";
        return match.Success;
    }

    /// <summary>"> Author, Publication | from the [June 18th edition](…)": a byline, not an article link.</summary>
    public static bool IsEditionByline(string credit) => credit.Contains("| from", StringComparison.OrdinalIgnoreCase);

    /// <summary>The publication a credit names: the last comma-separated part before any "|" ("Will Knight, MIT Tech Review" → "MIT Tech Review").</summary>
    public static string Publication(string creditMarkdown)
    {
        var plain = InlineMarkdown.ToPlainText(creditMarkdown);
        var bar = plain.IndexOf('|');
        if (bar >= 0) plain = plain[..bar];
        plain = plain.Trim().TrimEnd(',', '-', '—', '–', ' ');
        var parts = plain.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? "" : parts[^1];
    }

    // The inner text must not end in ':' — "**Our take:**" and "**Key Takeaway:**" are labels, not bylines.
    [GeneratedRegex(@"^\*\*(?<credit>[^*]*[^*:\s])\*\*\s*(?:\|.*)?$")]
    private static partial Regex BoldByline();
}
