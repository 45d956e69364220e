using System.Globalization;
using static NewsBot.Ingestion.TextRepair.MojibakeCharClass;

namespace NewsBot.Ingestion.TextRepair;

/// <summary>
/// Counts the character sequences that are much more likely to be mojibake than intended text (after ftfy's
/// "badness" heuristic): accented capitals followed by symbols (<c>Ã©</c>, <c>Ä±</c>), accented letters followed by
/// currency signs (<c>â€</c>), symbols that no one types next to letters, Mac Roman's <c>‚Ä</c> and <c>√</c> pairs,
/// C1 controls. It also counts what a bad repair leaves behind (private-use or unassigned characters, letters of
/// other scripts or IPA glued to Latin words), so a repair is only taken when it lowers the count.
/// </summary>
internal static class MojibakeBadness
{
    private static readonly SingleByteCharset Windows1252 = SingleByteCharset.Windows1252;
    private static readonly SingleByteCharset MacRoman = SingleByteCharset.MacRoman;

    public static bool IsBad(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
            if (text[i] >= 0x80 && CountAt(text, i) > 0) return true;
        return false;
    }

    public static int Count(ReadOnlySpan<char> text) => Count(text, 0, text.Length);

    /// <summary>Counts the bad sequences that start within [start, end), looking at the text around them as well.</summary>
    public static int Count(ReadOnlySpan<char> text, int start, int end)
    {
        var count = 0;
        for (var i = start; i < end; i++)
            if (text[i] >= 0x80) count += CountAt(text, i);
        return count;
    }

    private static int CountAt(ReadOnlySpan<char> s, int i)
    {
        char c = s[i], next = At(s, i + 1), afterNext = At(s, i + 2);
        MojibakeCharClass cls = MojibakeCharClasses.Of(c), nextCls = MojibakeCharClasses.Of(next), afterNextCls = MojibakeCharClasses.Of(afterNext);
        var count = 0;

        if (cls.Has(C1Control)) count++;
        if (cls.Has(UpperAccented) && IsSuspiciousAfterAccentedCapital(c, next, nextCls, afterNext, afterNextCls, s, i)) count++;
        if (cls.Has(LowerAccented) && IsSuspiciousAfterAccentedSmallLetter(nextCls, afterNext, afterNextCls)) count++;
        if (cls.Has(Currency | Numeric | Closing) && nextCls.Has(Accented)) count++;
        if (cls.Has(Currency | Numeric) && nextCls.Has(Opening)) count++;
        if (cls.Has(Oddity) && nextCls.Has(Symbol | Accented)) count++;
        if (nextCls.Has(Oddity) && cls.Has((Symbol | Accented) & ~Oddity)) count++;
        if (c is 'Œ' or 'œ' && next != '\0' && !char.IsAsciiLetter(next)) count++;
        if (IsMacRomanClue(c, next, afterNext)) count++;
        count += LeftoversOfABadRepair(s, i, c);
        return count;
    }

    // UTF-8 for U+0080–U+07FF read as Windows-1252 or Latin-1 is an accented capital and a symbol.
    private static bool IsSuspiciousAfterAccentedCapital(char c, char next, MojibakeCharClass nextCls, char afterNext, MojibakeCharClass afterNextCls, ReadOnlySpan<char> s, int i)
    {
        if (nextCls.Has(Numeric | Section | Oddity) || next == '°') return true;
        // Quote-like marks after a capital are fine where a word ends ("NESTLÉ®", "QUEM É¿"), not inside one ("RÄ«ga").
        if (nextCls.Has(Opening | Closing) && (IsWordChar(afterNext) || afterNextCls.Has(Symbol))) return true;
        if (c is not ('Ã' or 'Â')) return false;

        // Ã and Â lead the sequences of all of Latin-1, so nearly any symbol after them gives them away; ¥ and
        // word-final punctuation (as in a capitalised Portuguese "IRMÃ…") are left alone.
        if (Windows1252.TryEncode(next, out var b) && b is >= 0x80 and <= 0xBF && next != '¥')
            return !"…’”»›".Contains(next) || IsWordChar(afterNext);

        // "à" whose no-break space byte became a plain space: "relatifs Ã l’utilisation", but not "CONCLUSÃO" spaced out.
        var before = At(s, i - 1);
        return next == ' ' && (i == 0 || char.IsAsciiLetterLower(before) || (before == ' ' && char.IsAsciiLetterLower(At(s, i - 2))));
    }

    // Three-byte sequences (â€™, ï¿½) and Mac Roman letters read this way start with a small accented letter.
    private static bool IsSuspiciousAfterAccentedSmallLetter(MojibakeCharClass nextCls, char afterNext, MojibakeCharClass afterNextCls) =>
        nextCls.Has(Currency | Oddity | UpperAccented)
        || (nextCls.Has(Opening | Closing) && (IsWordChar(afterNext) || afterNextCls.Has(Symbol)));

    private static bool IsMacRomanClue(char c, char next, char afterNext) => c switch
    {
        // √ and ¬ lead the Mac Roman spelling of Latin-1 letters (√© for é, ¬© for ©); √π and ¬´ are left to maths and faces.
        '√' or '¬' => "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñúùûü†¢£§¶ß®©™≠ÆØ¥ªæø≤≥".Contains(next),
        // ‚Ä… is U+2000–U+203F (‚Äô for ’), ‚Ö… and friends the symbols after it.
        '‚' => IsMacRomanContinuation(next) && char.IsLetter(next) && IsMacRomanContinuation(afterNext),
        // Apple's logo is byte 0xF0, and 0xF0 0x9F starts every emoji.
        '\uF8FF' => next == 'ü',
        '≈' => IsMacRomanContinuation(next) && next != '±',
        _ => false,
    };

    private static bool IsMacRomanContinuation(char c) => MacRoman.TryEncode(c, out var b) && b is >= 0x80 and <= 0xBF;

    private static int LeftoversOfABadRepair(ReadOnlySpan<char> s, int i, char c)
    {
        if (char.IsSurrogate(c)) return 0;
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        switch (category)
        {
            case UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned:
                return 1;
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark:
                return i == 0 || char.IsWhiteSpace(s[i - 1]) ? 1 : 0;
            case UnicodeCategory.OtherLetter when c >= '\u0250':
                return IsLatinLetter(At(s, i - 1)) || IsLatinLetter(At(s, i + 1)) ? 1 : 0;
        }
        if (c is >= '\u0250' and <= '\u02AF')
            return IsLatinLetter(At(s, i - 1)) && char.IsUpper(At(s, i - 1)) || IsLatinLetter(At(s, i + 1)) && char.IsUpper(At(s, i + 1)) ? 1 : 0;
        return 0;
    }

    private static bool IsLatinLetter(char c) => char.IsAsciiLetter(c) || (c is >= '\u00C0' and <= '\u024F' && char.IsLetter(c));

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static char At(ReadOnlySpan<char> s, int i) => (uint)i < (uint)s.Length ? s[i] : '\0';
}
