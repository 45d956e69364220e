using System.Text;

namespace NewsBot.Ingestion.TextRepair;

/// <summary>
/// Puts text into the one shape the rest of the pipeline expects: LF line ends, no byte-order marks, invisible
/// characters or control characters (other than newline and tab), and Unicode NFC. Nothing else is touched —
/// in particular quotes keep their curl.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Returns <paramref name="text"/> itself when it is already normalised.</summary>
    public static string Normalize(string text)
    {
        var cleaned = NeedsCleaning(text) ? Clean(text) : text;
        return ToNfc(cleaned);
    }

    private static bool NeedsCleaning(string text)
    {
        foreach (var c in text)
            if (c == '\r' || IsInvisibleJunk(c)) return true;
        return false;
    }

    private static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                sb.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
            }
            else if (!IsInvisibleJunk(c))
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Control characters, the byte-order mark and the zero-width characters that carry no meaning (zero-width space,
    /// word joiner, Mongolian vowel separator, soft hyphen). The zero-width joiner and non-joiner stay: they hold
    /// emoji sequences together and shape Indic and Persian script.
    /// </summary>
    private static bool IsInvisibleJunk(char c) =>
        (char.IsControl(c) && c is not ('\n' or '\t' or '\r'))
        || c is '\uFEFF' or '\u200B' or '\u2060' or '\u180E' or '\u00AD';

    private static string ToNfc(string text)
    {
        try
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Unpaired surrogates cannot be normalised; such text is left as it is rather than refused.
            return text;
        }
    }
}
