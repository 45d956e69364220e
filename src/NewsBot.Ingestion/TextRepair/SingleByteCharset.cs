namespace NewsBot.Ingestion.TextRepair;

/// <summary>
/// A legacy single-byte character set: the byte ↔ char tables that mojibake is made of.
/// The tables are written out here because <c>Encoding.GetEncoding(1252)</c> and friends need the
/// System.Text.Encoding.CodePages package, which this project does not take.
/// </summary>
internal sealed class SingleByteCharset
{
    private readonly string _upperHalf;
    private readonly Dictionary<char, byte> _bytes = new();

    private SingleByteCharset(string upperHalf, bool alsoEncodesC1Controls)
    {
        if (upperHalf.Length != 128) throw new ArgumentException("The table must list the 128 bytes 0x80–0xFF.", nameof(upperHalf));
        _upperHalf = upperHalf;
        if (alsoEncodesC1Controls)
            for (var b = 0x80; b <= 0x9F; b++) _bytes[(char)b] = (byte)b;
        for (var i = 0; i < 128; i++) _bytes[upperHalf[i]] = (byte)(0x80 + i);
    }

    public char Decode(byte b) => b < 0x80 ? (char)b : _upperHalf[b - 0x80];

    /// <summary>The byte this charset writes <paramref name="c"/> as; ASCII is shared by all of them.</summary>
    public bool TryEncode(char c, out byte b)
    {
        if (c < 0x80) { b = (byte)c; return true; }
        return _bytes.TryGetValue(c, out b);
    }

    public IEnumerable<char> UpperHalf => _upperHalf;

    /// <summary>
    /// Windows-1252 as sloppy decoders apply it, merged with Latin-1: the five bytes Windows-1252 leaves undefined
    /// (0x81, 0x8D, 0x8F, 0x90, 0x9D) come out as the C1 controls of the same number, and any C1 control encodes back
    /// to its own byte. So text read as Latin-1, as Windows-1252, or as a mixture of both re-encodes to the original bytes.
    /// </summary>
    public static SingleByteCharset Windows1252 { get; } = new(string.Concat(
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F", // 80
        "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178", // 90
        Latin1Range(0xA0, 0xFF)), alsoEncodesC1Controls: true);

    /// <summary>Mac OS Roman, with Apple's current mapping (0xDB is €, 0xF0 is the Apple logo U+F8FF).</summary>
    public static SingleByteCharset MacRoman { get; } = new(string.Concat(
        "\u00C4\u00C5\u00C7\u00C9\u00D1\u00D6\u00DC\u00E1\u00E0\u00E2\u00E4\u00E3\u00E5\u00E7\u00E9\u00E8", // 80
        "\u00EA\u00EB\u00ED\u00EC\u00EE\u00EF\u00F1\u00F3\u00F2\u00F4\u00F6\u00F5\u00FA\u00F9\u00FB\u00FC", // 90
        "\u2020\u00B0\u00A2\u00A3\u00A7\u2022\u00B6\u00DF\u00AE\u00A9\u2122\u00B4\u00A8\u2260\u00C6\u00D8", // A0
        "\u221E\u00B1\u2264\u2265\u00A5\u00B5\u2202\u2211\u220F\u03C0\u222B\u00AA\u00BA\u03A9\u00E6\u00F8", // B0
        "\u00BF\u00A1\u00AC\u221A\u0192\u2248\u2206\u00AB\u00BB\u2026\u00A0\u00C0\u00C3\u00D5\u0152\u0153", // C0
        "\u2013\u2014\u201C\u201D\u2018\u2019\u00F7\u25CA\u00FF\u0178\u2044\u20AC\u2039\u203A\uFB01\uFB02", // D0
        "\u2021\u00B7\u201A\u201E\u2030\u00C2\u00CA\u00C1\u00CB\u00C8\u00CD\u00CE\u00CF\u00CC\u00D3\u00D4", // E0
        "\uF8FF\u00D2\u00DA\u00DB\u00D9\u0131\u02C6\u02DC\u00AF\u02D8\u02D9\u02DA\u00B8\u02DD\u02DB\u02C7"), // F0
        alsoEncodesC1Controls: false);

    /// <summary>ISO-8859-13 (Latin-7, Baltic Rim); 0x80–0x9F are the C1 controls.</summary>
    public static SingleByteCharset Iso8859_13 { get; } = new(string.Concat(
        Latin1Range(0x80, 0x9F),
        "\u00A0\u201D\u00A2\u00A3\u00A4\u201E\u00A6\u00A7\u00D8\u00A9\u0156\u00AB\u00AC\u00AD\u00AE\u00C6", // A0
        "\u00B0\u00B1\u00B2\u00B3\u201C\u00B5\u00B6\u00B7\u00F8\u00B9\u0157\u00BB\u00BC\u00BD\u00BE\u00E6", // B0
        "\u0104\u012E\u0100\u0106\u00C4\u00C5\u0118\u0112\u010C\u00C9\u0179\u0116\u0122\u0136\u012A\u013B", // C0
        "\u0160\u0143\u0145\u00D3\u014C\u00D5\u00D6\u00D7\u0172\u0141\u015A\u016A\u00DC\u017B\u017D\u00DF", // D0
        "\u0105\u012F\u0101\u0107\u00E4\u00E5\u0119\u0113\u010D\u00E9\u017A\u0117\u0123\u0137\u012B\u013C", // E0
        "\u0161\u0144\u0146\u00F3\u014D\u00F5\u00F6\u00F7\u0173\u0142\u015B\u016B\u00FC\u017C\u017E\u2019"), // F0
        alsoEncodesC1Controls: false);

    private static string Latin1Range(int first, int last) =>
        new(Enumerable.Range(first, last - first + 1).Select(i => (char)i).ToArray());
}
