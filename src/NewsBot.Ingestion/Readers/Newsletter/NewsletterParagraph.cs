using System.Text;

namespace NewsBot.Ingestion.Readers.Newsletter;

/// <summary>One cleaned line of a newsletter: a paragraph, list item, heading or headline.</summary>
/// <param name="AfterBlank">A blank line preceded it in the file (so it stands apart as a block).</param>
/// <param name="LedBySymbol">The source line started with an emoji or symbol, now stripped from <paramref name="Text"/>.</param>
internal sealed record NewsletterParagraph(string Text, IReadOnlyList<string> SourceNames, bool AfterBlank, bool LedBySymbol)
{
    public int WordCount => Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Letters and digits only, lowercased: equal for the same headline in the contents list and the body.</summary>
    public string Key => KeyOf(Text);

    public bool EndsSentence => Text.Length > 0 && Text[^1] is '.' or '!' or '?' or ':' or ';' or '"' or '”' or '’' or ')';

    public static string KeyOf(string text)
    {
        var key = new StringBuilder(text.Length);
        foreach (var c in text)
            if (char.IsLetterOrDigit(c)) key.Append(char.ToLowerInvariant(c));
        return key.ToString();
    }
}
