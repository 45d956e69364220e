using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers.Newsletter;

/// <summary>Markdown emphasis and escapes that newsletters exported from a web editor keep ("**bold**", "\$100").</summary>
internal static partial class InlineMarkup
{
    public static string Strip(string line)
    {
        var text = Bold().Replace(line, "");
        text = Italic().Replace(text, "$1");
        text = Escape().Replace(text, "$1");
        return Spaces().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"\*\*|__")]
    private static partial Regex Bold();

    // Only a star pair hugging words: "2 * 3 * 4" stays.
    [GeneratedRegex(@"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")]
    private static partial Regex Italic();

    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+\-.!$|>~])")]
    private static partial Regex Escape();

    [GeneratedRegex(@"[ \t\u00A0]{2,}")]
    private static partial Regex Spaces();
}
