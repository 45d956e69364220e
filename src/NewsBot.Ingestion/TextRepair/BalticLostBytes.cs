using System.Text;

namespace NewsBot.Ingestion.TextRepair;

/// <summary>
/// Repairs UTF-8 that was read as ISO-8859-13 (Baltic) by a decoder that dropped the C1 bytes 0x80–0x9F.
/// Every ’ “ ” (E2 80 xx) is left as a bare <c>ā</c> (E2), every emoji (F0 9F xx xx) as <c>š</c> (F0) plus whichever
/// of its last bytes were 0xA0–0xBF, and a variation selector (EF B8 8F) as <c>ļø</c>.
/// The lost bytes are guessed only where one reading is clearly right (an apostrophe inside a word, a pair of
/// quotation marks around a phrase); symbols and emoji cannot be recovered and are dropped rather than invented.
/// </summary>
/// <remarks>
/// ā, š and ļ are ordinary letters in Latvian and Lithuanian, so this runs only on documents that show the pattern
/// many times (<c>DeepSeekās</c>) and have none of the other Baltic letters that real Baltic text is full of.
/// </remarks>
internal static class BalticLostBytes
{
    private const char Apostrophe = '’';
    private const char OpeningQuote = '“';
    private const char ClosingQuote = '”';
    // What survives of a 3-byte sequence (symbols and punctuation, U+2000–U+2FFF) and of a 4-byte one (emoji).
    private const char ThreeByteLead = 'ā';
    private const char FourByteLead = 'š';
    private const string VariationSelector16 = "ļø";

    // Letters only real Baltic text has: the lead bytes they stand for in this mojibake (E0–EE except E2, F1–FE) are
    // rare in English, and ā, š, ļ themselves are left out because the mojibake is full of them.
    private const string OtherBalticLetters = "ąčęėįųūžēīķņģōŗśźżłńćĄČĘĖĮŲŪŽĒĪĶŅĢŌŖŚŹŻŁŃĆ";
    private const int MinimumApostrophes = 3;

    /// <summary>Returns <paramref name="text"/> itself unless it shows the pattern.</summary>
    public static string Repair(string text)
    {
        if (!ShowsThePattern(text)) return text;

        var sb = new StringBuilder(text.Length);
        var quoteOpen = false;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c == '\n') quoteOpen = false;
            var symbolEnd = c is ThreeByteLead or FourByteLead ? EndOfLostSymbol(text, i) : i;
            if (symbolEnd > i)
            {
                i = SkipSpaceAfterDroppedSymbol(sb, text, symbolEnd);
                continue;
            }
            sb.Append(c == ThreeByteLead ? GuessPunctuation(text, i, ref quoteOpen) : c);
            i++;
        }
        return sb.ToString();
    }

    private static bool ShowsThePattern(string text)
    {
        if (!text.Contains(ThreeByteLead)) return false;
        int apostrophes = 0, balticLetters = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ThreeByteLead && IsPossessive(text, i)) apostrophes++;
            else if (OtherBalticLetters.Contains(c)) balticLetters++;
        }
        return apostrophes >= MinimumApostrophes && balticLetters * 10 < apostrophes;
    }

    // "DeepSeekās": an English possessive, where the ā sits between an ASCII word and a final s.
    private static bool IsPossessive(string text, int i) =>
        char.IsAsciiLetterOrDigit(At(text, i - 1)) && At(text, i + 1) == 's' && !char.IsLetterOrDigit(At(text, i + 2));

    /// <summary>
    /// The end of the unrecoverable symbol starting at <paramref name="start"/>, or <paramref name="start"/> itself when
    /// the char is a lost punctuation mark instead. Emoji joined by zero-width joiners (E2 80 8D, a bare ā) and
    /// followed by variation selectors go as one.
    /// </summary>
    private static int EndOfLostSymbol(string text, int start)
    {
        var end = start;
        while (true)
        {
            var lead = At(text, end);
            var survivors = SurvivingContinuationBytes(text, end + 1, lead == FourByteLead ? 3 : 2);
            var isSymbol = lead == FourByteLead
                || (lead == ThreeByteLead && (survivors > 0
                    || text.AsSpan(end + 1).StartsWith(VariationSelector16)
                    || (IsLineStart(text, end) && char.IsWhiteSpace(At(text, end + 1)))));
            if (!isSymbol) return end;
            end += 1 + survivors;
            while (text.AsSpan(end).StartsWith(VariationSelector16)) end += VariationSelector16.Length;
            if (!(At(text, end) == ThreeByteLead && At(text, end + 1) == FourByteLead)) return end;
            end++;
        }
    }

    private static int SurvivingContinuationBytes(string text, int from, int max)
    {
        var count = 0;
        while (count < max && SingleByteCharset.Iso8859_13.TryEncode(At(text, from + count), out var b) && b is >= 0xA0 and <= 0xBF)
            count++;
        return count;
    }

    // The symbol went, and so does the space that set it off, so "š Browse" becomes "Browse".
    private static int SkipSpaceAfterDroppedSymbol(StringBuilder sb, string text, int next)
    {
        var atLineStart = sb.Length == 0 || sb[^1] == '\n';
        var afterSpace = sb.Length > 0 && sb[^1] == ' ';
        return (atLineStart || afterSpace) && At(text, next) == ' ' ? next + 1 : next;
    }

    /// <summary>The ā was ’, “ or ” (E2 80 99/9C/9D) or another punctuation mark from U+2000–U+203F.</summary>
    private static char GuessPunctuation(string text, int i, ref bool quoteOpen)
    {
        char before = At(text, i - 1), after = At(text, i + 1);
        if (char.IsLetterOrDigit(before) && char.IsLetter(after)) return Apostrophe;
        if ((before == '\0' || char.IsWhiteSpace(before) || before is '(' or '[') && char.IsLetterOrDigit(after))
        {
            quoteOpen = true;
            return OpeningQuote;
        }
        var endsPhrase = after == '\0' || char.IsWhiteSpace(after) || after is ',' or '.' or ';' or ':' or '!' or '?' or ')';
        if (quoteOpen && endsPhrase && (char.IsLetterOrDigit(before) || before is '.' or ',' or '!' or '?'))
        {
            quoteOpen = false;
            return ClosingQuote;
        }
        if (before == 's' && endsPhrase) return Apostrophe;
        return '\uFFFD';
    }

    private static bool IsLineStart(string text, int i) => i == 0 || text[i - 1] == '\n';

    private static char At(string text, int i) => (uint)i < (uint)text.Length ? text[i] : '\0';
}
