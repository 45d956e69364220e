using System.Text;

namespace NewsBot.Ingestion.TextRepair;

/// <summary>
/// Reads the UTF-8 byte sequences hidden in text that was decoded with the wrong single-byte charset,
/// where every char stands for the byte the charset writes it as.
/// </summary>
internal sealed class Utf8SequenceReader(SingleByteCharset charset, bool acceptsLostBytes)
{
    // A byte that an earlier sloppy decoder turned into U+FFFD or '?': we know a byte was there, not which.
    private const int LostByte = -2;
    private const int NoByte = -1;

    public SingleByteCharset Charset => charset;

    /// <summary>
    /// Re-encodes all of <paramref name="text"/> and decodes it as UTF-8, or returns null when some non-ASCII char is
    /// not part of a well-formed sequence (then the text as a whole was not UTF-8 read as this charset).
    /// </summary>
    public string? DecodeWhole(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c < 0x80 || (acceptsLostBytes && c == '\uFFFD')) { sb.Append(c); i++; continue; }
            var length = Read(text, i, out var codePoint, nbspInAnySequence: true);
            if (length == 0) return null;
            sb.Append(new Rune(codePoint));
            i += length;
        }
        return sb.ToString();
    }

    /// <summary>
    /// Reads one UTF-8 sequence starting at <paramref name="start"/>. Returns how many chars it spans (0 if none
    /// starts there) and the code point it encodes (U+FFFD when one of its bytes was lost).
    /// A space may stand for a lost 0xA0 byte in the two-byte sequences where that is common, and with
    /// <paramref name="nbspInAnySequence"/> (when the whole text is known to decode) in longer ones too.
    /// </summary>
    public int Read(ReadOnlySpan<char> s, int start, out int codePoint, bool nbspInAnySequence = false)
    {
        codePoint = 0;
        var lead = ByteAt(s, start);
        if (lead is < 0xC2 or > 0xF4) return 0;
        if (lead == 0xED && ByteAt(s, start + 1) is >= 0xA0 and <= 0xAF) return ReadCesuPair(s, start, out codePoint);

        var continuations = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
        var value = lead & (0x3F >> continuations);
        var lost = false;
        var questionMarks = 0;
        var spaces = 0;
        var length = 1;
        for (var k = 1; k <= continuations; k++, length++)
        {
            var b = ByteAt(s, start + length);
            if (b is >= 0x80 and <= 0xBF)
            {
                if (k == 1 && !IsValidSecondByte(lead, b)) return 0;
                value = (value << 6) | (b & 0x3F);
            }
            else if (b == ' ' && spaces++ == 0 && LosesNbspToSpace(lead, continuations, nbspInAnySequence) && !IsDaggerPrefix(s, start, k))
            {
                // Windows software often turns byte 0xA0 (a no-break space in Windows-1252) into a plain space.
                if (lead == 0xC3 && SpaceIsAWordBreak(s, start + length + 1))
                {
                    codePoint = 'à';
                    return 1;
                }
                value = (value << 6) | 0x20;
            }
            else if (acceptsLostBytes && (b == LostByte || (b == '?' && questionMarks++ == 0 && (continuations > 1 || lead <= 0xC3))))
            {
                lost = true;
            }
            else
            {
                return 0;
            }
        }
        codePoint = lost ? 0xFFFD : value;
        return length;
    }

    private int ByteAt(ReadOnlySpan<char> s, int index)
    {
        if (index >= s.Length) return NoByte;
        var c = s[index];
        if (acceptsLostBytes && c == '\uFFFD') return LostByte;
        return charset.TryEncode(c, out var b) ? b : NoByte;
    }

    // Rules out overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    private static bool IsValidSecondByte(int lead, int b) => lead switch
    {
        0xE0 => b >= 0xA0,
        0xED => b <= 0x9F,
        0xF0 => b >= 0x90,
        0xF4 => b <= 0x8F,
        _ => true,
    };

    // The leads whose sequences with 0xA0 are likely characters: no-break space, à, Š, Π and Р; punctuation,
    // symbols and kana (E2, E3) and emoji (F0).
    private static bool LosesNbspToSpace(int lead, int continuations, bool inAnySequence) =>
        continuations == 1 ? lead is 0xC2 or 0xC3 or 0xC5 or 0xCE or 0xD0 : inAnySequence && lead is 0xE2 or 0xE3 or 0xF0;

    // E2 80 A0 would be a dagger; "â€" before a space is far more often a ” whose undefined byte 0x9D was dropped.
    private bool IsDaggerPrefix(ReadOnlySpan<char> s, int start, int position) =>
        position == 2 && ByteAt(s, start) == 0xE2 && ByteAt(s, start + 1) == 0x80;

    /// <summary>
    /// "Ã " usually was "à" followed by a real space that swallowed the no-break space byte (French "à la"),
    /// except in Portuguese "às" and "àquele", where the space itself is the lost byte.
    /// </summary>
    private static bool SpaceIsAWordBreak(ReadOnlySpan<char> s, int afterSpace)
    {
        var rest = s[afterSpace..];
        return !(rest.StartsWith(" ") || rest.StartsWith("s ") || rest.StartsWith("quele") || rest.StartsWith("quela") || rest.StartsWith("quilo"));
    }

    // CESU-8 writes a character beyond U+FFFF as the two UTF-16 surrogates, each as its own 3-byte sequence.
    private int ReadCesuPair(ReadOnlySpan<char> s, int start, out int codePoint)
    {
        codePoint = 0;
        int b1 = ByteAt(s, start + 1), b2 = ByteAt(s, start + 2), b3 = ByteAt(s, start + 3), b4 = ByteAt(s, start + 4), b5 = ByteAt(s, start + 5);
        if (b2 is < 0x80 or > 0xBF || b3 != 0xED || b4 is < 0xB0 or > 0xBF || b5 is < 0x80 or > 0xBF) return 0;
        var high = 0xD000 | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
        var low = 0xD000 | ((b4 & 0x3F) << 6) | (b5 & 0x3F);
        codePoint = char.ConvertToUtf32((char)high, (char)low);
        return 6;
    }
}
