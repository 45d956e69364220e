using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers.Newsletter;

/// <summary>A newsletter's furniture: read-time badges, archive links, the author's sign-off. Not news.</summary>
internal static partial class Boilerplate
{
    // Furniture is a short line; a paragraph that happens to contain "see you tomorrow" is content.
    private const int MaxWords = 25;

    public static bool Is(string paragraph) =>
        paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxWords && Pattern().IsMatch(paragraph);

    [GeneratedRegex(
        @"^\(?\s*(?:read(?:ing)? time\b|I publish this\b|that\S{0,3}s (?:a wrap|all for)\b|(?:subscribe|unsubscribe)\b|view (?:this (?:email|issue) )?in (?:your )?browser\b|(?:forward|share) this\b)"
        + @"|\bbrowse (?:all |our |the )?past (?:editions|issues)\b|\bsee you (?:all )?(?:tomorrow|next (?:week|time))\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
