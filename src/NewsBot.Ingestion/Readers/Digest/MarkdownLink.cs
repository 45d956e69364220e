using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers.Digest;

/// <summary>An inline markdown link <c>[text](target)</c> or image <c>![alt](target)</c> and where it sits in its line.</summary>
internal readonly record struct MarkdownLink(string Text, string Target, int Start, int End, bool IsImage)
{
    /// <summary>The target as a web address, or null when it is relative, a placeholder or not http(s).</summary>
    public string? Url => WebUrl.Clean(Target);

    /// <summary>
    /// Reads a link that starts at <paramref name="start"/> ('[' or "!["). Brackets nest because titles such as
    /// "[2507.06219] Is Diversity…" contain them, and parentheses nest because URLs such as "EPRS_BRI(2019)" do.
    /// </summary>
    public static bool TryParse(string s, int start, out MarkdownLink link)
    {
        link = default;
        var open = start;
        var isImage = open < s.Length && s[open] == '!';
        if (isImage) open++;
        if (open >= s.Length || s[open] != '[') return false;
        var close = FindClosing(s, open, '[', ']');
        if (close < 0 || close + 1 >= s.Length || s[close + 1] != '(') return false;
        var end = FindClosing(s, close + 1, '(', ')');
        if (end < 0) return false;
        link = new MarkdownLink(s[(open + 1)..close], s[(close + 2)..end], start, end + 1, isImage);
        return true;
    }

    /// <summary>The link that begins <paramref name="s"/> (after leading spaces), if any.</summary>
    public static MarkdownLink? AtStart(string s)
    {
        var i = 0;
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        return TryParse(s, i, out var link) && !link.IsImage ? link : null;
    }

    private static int FindClosing(string s, int open, char opener, char closer)
    {
        var depth = 0;
        for (var i = open; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\') i++;
            else if (c == opener) depth++;
            else if (c == closer && --depth == 0) return i;
        }
        return -1;
    }
}

/// <summary>Keeps only usable web addresses: absolute http(s), without the angle brackets or whitespace markdown allows.</summary>
internal static partial class WebUrl
{
    public static string? Clean(string? target)
    {
        if (string.IsNullOrWhiteSpace(target)) return null;
        var url = target.Trim().Trim('<', '>').Trim();
        // A markdown link target may carry a title after the address: (https://x.org "Title").
        var space = url.IndexOfAny([' ', '\t', '\n']);
        if (space > 0) url = url[..space];
        // "https:/www.cnbc.com/…" (one slash lost) still names the article unambiguously.
        url = MissingSlash().Replace(url, "$1://");
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? url
            : null;
    }

    [GeneratedRegex(@"^(https?):/(?!/)", RegexOptions.IgnoreCase)]
    private static partial Regex MissingSlash();
}
