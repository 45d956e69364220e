using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers.Digest;

/// <summary>Turns one line (or joined lines) of inline markdown into plain text.</summary>
internal static partial class InlineMarkdown
{
    public static string ToPlainText(string markdown)
    {
        if (markdown.Length == 0) return "";
        // Each pass runs only when its trigger character occurs: digests are mostly plain prose.
        var text = ReplaceLinks(markdown);
        if (text.Contains("http", StringComparison.Ordinal)) text = MalformedLinkTarget().Replace(text, "");
        if (text.Contains('{')) text = LiquidTag().Replace(text, " ");
        if (text.Contains('<')) text = HtmlTag().Replace(text, " ");
        if (text.Contains('&')) text = WebUtility.HtmlDecode(text);
        if (text.AsSpan().IndexOfAny('*', '_', '~') >= 0)
        {
            text = StrongOrStrike().Replace(text, "");
            text = Emphasis().Replace(text, "$1");
        }
        if (text.Contains('`')) text = InlineCode().Replace(text, "$1");
        if (text.Contains('\\')) text = BackslashEscape().Replace(text, "$1");
        return CollapseWhitespace(text);
    }

    private static string CollapseWhitespace(string text)
    {
        if (!NeedsCollapsing(text)) return text;
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            // Zero-width spaces and BOMs hide in copied titles ("\u200BGoogle is using…").
            if (char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF')
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool NeedsCollapsing(string text)
    {
        if (text.Length == 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) return true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ' ? text[i - 1] == ' ' : char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF') return true;
        }
        return false;
    }

    /// <summary>Links become their text, images and footnote references disappear.</summary>
    private static string ReplaceLinks(string s)
    {
        var next = s.IndexOf('[');
        if (next < 0) return s;
        var sb = new StringBuilder(s.Length);
        var copied = 0;
        for (; next >= 0 && next < s.Length; next = s.IndexOf('[', next + 1))
        {
            var start = next > 0 && s[next - 1] == '!' ? next - 1 : next;
            if (start < copied) continue;
            if (MarkdownLink.TryParse(s, start, out var link))
            {
                sb.Append(s, copied, start - copied);
                if (!link.IsImage) sb.Append(ReplaceLinks(link.Text));
                copied = link.End;
                next = link.End - 1;
            }
            else if (next + 1 < s.Length && s[next + 1] == '^' && s.IndexOf(']', next) is var close and > 0)
            {
                // "Duplex [^duplex]," must not leave "Duplex ,".
                sb.Append(s.AsSpan(copied, next - copied).TrimEnd(' '));
                copied = close + 1;
                next = close;
            }
        }
        sb.Append(s, copied, s.Length - copied);
        return sb.ToString();
    }

    // What is left of links written wrongly, "[paper] (https://…)", "(text)[https://…]", "[enable[(https://…)".
    [GeneratedRegex(@"\s*[\[(]+\s*https?://[^\s)\]]*[)\]]?")]
    private static partial Regex MalformedLinkTarget();

    [GeneratedRegex(@"\{%.*?%\}|\{\{.*?\}\}|\{:[^}]*\}")]
    private static partial Regex LiquidTag();

    // Only real HTML tag names: the corpus also writes literal "<think>" and "<Image Source Link>" as text.
    [GeneratedRegex(@"</?(?:a|abbr|b|br|blockquote|center|code|div|em|embed|figcaption|figure|font|h[1-6]|hr|i|iframe|img|li|ol|p|pre|q|s|script|small|span|strong|style|sub|sup|table|td|th|tr|u|ul|video)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\*\*|__|~~")]
    private static partial Regex StrongOrStrike();

    [GeneratedRegex(@"(?<![\w*\\])[*_](?=\S)([^*_\n]+?)(?<=\S)[*_](?![\w*])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"`([^`]*)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+\-.!|""'$<>~])")]
    private static partial Regex BackslashEscape();
}
