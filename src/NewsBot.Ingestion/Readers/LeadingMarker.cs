using System.Globalization;
using System.Text;

namespace NewsBot.Ingestion.Readers;

/// <summary>
/// The decoration a line may start with: an emoji or symbol (🗞️, ⚡, •), or what is left of one after a bad
/// decode ("šļø", "ā”") or a partial repair ("°", "§®"). Newsletters lead headlines and sub-headings with them.
/// </summary>
internal static class LeadingMarker
{
    /// <summary>The line without its leading marker and the blanks after it.</summary>
    public static string Strip(string line)
    {
        var trimmed = line.TrimStart();
        var end = MarkerLength(trimmed);
        return end == 0 ? trimmed : trimmed[end..].TrimStart();
    }

    /// <summary>True when the line starts with a real emoji or pictographic symbol (not with mojibake letters).</summary>
    public static bool StartsWithSymbol(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.Length > 0 && Rune.DecodeFromUtf16(trimmed, out var rune, out _) == System.Buffers.OperationStatus.Done
            && IsSymbol(rune);
    }

    private static int MarkerLength(string s)
    {
        var end = 0;
        var letters = 0;
        var others = 0;
        while (end < s.Length && Rune.DecodeFromUtf16(s.AsSpan(end), out var rune, out var used) == System.Buffers.OperationStatus.Done)
        {
            // An opening quote or bracket opens something only when text follows it directly ("„ Stage 1" is debris).
            var opensNothing = IsOpening(rune) && end + used < s.Length && char.IsWhiteSpace(s[end + used]);
            if (IsContentStart(rune) && !opensNothing) break;
            if (Rune.IsLetter(rune)) letters++; else others++;
            end += used;
        }
        if (end == 0) return 0;
        // Mojibake of one emoji is at most a few letters; more is text in another script.
        if (letters > 4) return 0;
        // A lone accented capital followed by lowercase ("Élan", "Über") is a word, not a marker.
        var wordFollows = end < s.Length && char.IsLower(s[end]);
        return letters == 1 && others == 0 && wordFollows ? 0 : end;
    }

    /// <summary>Where a line's content may begin: ASCII letters and digits, money, opening quotes and brackets.</summary>
    private static bool IsContentStart(Rune rune) =>
        (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == '.'))
        || Rune.GetUnicodeCategory(rune) == UnicodeCategory.CurrencySymbol
        || IsOpening(rune);

    private static bool IsOpening(Rune rune) =>
        rune.Value is '"' or '\'' or '(' or '['
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.OpenPunctuation;

    private static bool IsSymbol(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol
        || rune.Value is >= 0x1F000 and <= 0x1FAFF or >= 0x2600 and <= 0x27BF;
}
