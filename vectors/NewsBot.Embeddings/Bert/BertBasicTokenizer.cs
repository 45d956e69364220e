using System.Globalization;
using System.Text;

namespace NewsBot.Embeddings.Bert;

/// <summary>
/// BERT's basic tokenizer: cleans and normalizes text, then splits it into words on whitespace and around every
/// punctuation character and CJK ideograph. WordPiece then splits each word further.
/// </summary>
/// <remarks>Follows <c>BasicTokenizer</c> in google-research/bert and Hugging Face transformers, and the
/// <c>BertNormalizer</c> + <c>BertPreTokenizer</c> pair of Hugging Face tokenizers, which agree on these rules.</remarks>
public sealed class BertBasicTokenizer(BertNormalization normalization)
{
    public BertNormalization Normalization { get; } = normalization;

    /// <summary>The words of <paramref name="text"/>, in order.</summary>
    public IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        foreach (var chunk in Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            SplitOnPunctuation(chunk, words);
        return words;
    }

    /// <summary>
    /// The text as the splitter sees it: cleaned, CJK ideographs padded with spaces, accents stripped, lower-cased.
    /// Every whitespace character has become a plain space.
    /// </summary>
    public string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWhitespace(rune)) builder.Append(' ');
            else if (Normalization.CleanText && (rune.Value == 0 || rune.Value == 0xFFFD || IsControl(rune))) continue;
            else if (Normalization.HandleChineseChars && IsCjkIdeograph(rune)) builder.Append(' ').Append(rune.ToString()).Append(' ');
            else builder.Append(rune.ToString());
        }
        var normalized = builder.ToString();
        if (Normalization.StripsAccents) normalized = StripAccents(normalized);
        if (Normalization.Lowercase) normalized = normalized.ToLowerInvariant();
        return normalized;
    }

    private static void SplitOnPunctuation(string chunk, List<string> words)
    {
        var start = 0;
        var index = 0;
        foreach (var rune in chunk.EnumerateRunes())
        {
            if (IsPunctuation(rune))
            {
                if (index > start) words.Add(chunk[start..index]);
                words.Add(rune.ToString());
                start = index + rune.Utf16SequenceLength;
            }
            index += rune.Utf16SequenceLength;
        }
        if (chunk.Length > start) words.Add(chunk[start..]);
    }

    private static string StripAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark) builder.Append(rune.ToString());
        return builder.ToString();
    }

    /// <summary>Space, tab, newline, carriage return and the Unicode space separators (Zs).</summary>
    public static bool IsWhitespace(Rune rune) =>
        rune.Value is ' ' or '\t' or '\n' or '\r' || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator;

    /// <summary>Every "other" category (Cc, Cf, Cs, Co, Cn) except the whitespace controls, which count as spaces.</summary>
    public static bool IsControl(Rune rune)
    {
        if (rune.Value is '\t' or '\n' or '\r') return false;
        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
    }

    /// <summary>
    /// Unicode punctuation (P*) plus every non-alphanumeric printable ASCII character: BERT treats "$", "^", "`" and
    /// the like as punctuation although Unicode calls them symbols.
    /// </summary>
    public static bool IsPunctuation(Rune rune)
    {
        var cp = rune.Value;
        if (cp is >= 33 and <= 47 or >= 58 and <= 64 or >= 91 and <= 96 or >= 123 and <= 126) return true;
        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    /// <summary>The CJK Unified Ideographs blocks BERT splits; Hangul, Hiragana and Katakana are not among them.</summary>
    public static bool IsCjkIdeograph(Rune rune) => rune.Value is
        >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2A6DF or >= 0x2A700 and <= 0x2B73F
        or >= 0x2B740 and <= 0x2B81F or >= 0x2B820 and <= 0x2CEAF or >= 0xF900 and <= 0xFAFF or >= 0x2F800 and <= 0x2FA1F;
}
