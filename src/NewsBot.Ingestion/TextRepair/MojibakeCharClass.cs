namespace NewsBot.Ingestion.TextRepair;

/// <summary>The roles a character plays in UTF-8 mojibake; the badness rules are written in terms of these.</summary>
[Flags]
internal enum MojibakeCharClass : ushort
{
    None = 0,
    C1Control = 1 << 0,
    /// <summary>Symbols that are hardly ever written next to a letter: ¦ ¨ ¯ ¸ ˆ ˜ † ‡ ‰ ª º …</summary>
    Oddity = 1 << 1,
    Section = 1 << 2,
    Currency = 1 << 3,
    Opening = 1 << 4,
    Closing = 1 << 5,
    Numeric = 1 << 6,
    /// <summary>Accented Latin capitals, the first char of most two-char mojibake (Ã, Â, Ä, Å …).</summary>
    UpperAccented = 1 << 7,
    LowerAccented = 1 << 8,
    /// <summary>Some legacy charset writes the char with a byte 0x80–0xFF, so it may be part of mojibake.</summary>
    Legacy = 1 << 9,

    Symbol = Oddity | Section | Currency | Opening | Closing | Numeric,
    Accented = UpperAccented | LowerAccented,
}

internal static class MojibakeCharClasses
{
    private static readonly MojibakeCharClass[] Table = Build();

    public static MojibakeCharClass Of(char c) => Table[c];

    public static bool Has(this MojibakeCharClass value, MojibakeCharClass flags) => (value & flags) != 0;

    private static MojibakeCharClass[] Build()
    {
        var table = new MojibakeCharClass[char.MaxValue + 1];
        void Add(string chars, MojibakeCharClass cls) { foreach (var c in chars) table[c] |= cls; }

        for (var c = '\u0080'; c <= '\u009F'; c++) table[c] |= MojibakeCharClass.C1Control;
        Add("¦¤¨¬¯¸ƒˆˇ˘˛˜˙˚†‡‰◊ªº", MojibakeCharClass.Oddity);
        Add("§¶", MojibakeCharClass.Section);
        Add("¢£¥€", MojibakeCharClass.Currency);
        Add("¡¿«©‘‚“„•‹", MojibakeCharClass.Opening);
        Add("®»”›™˝", MojibakeCharClass.Closing);
        Add("²³¹±¼½¾×÷µ⁄∂∆∏∑√∞∫≈≠≤≥", MojibakeCharClass.Numeric);

        // Letters with accents count, except the round-eyed ones that kaomoji faces are drawn with (ò_ó, Ô_Ô).
        const string eyes = "ÒÓÔÕÖÙÚÛòóôõöøùúû";
        for (var c = '\u00C0'; c <= '\u017F'; c++)
        {
            if (c is '×' or '÷' || eyes.Contains(c)) continue;
            if (char.IsUpper(c)) table[c] |= MojibakeCharClass.UpperAccented;
            else if (char.IsLower(c)) table[c] |= MojibakeCharClass.LowerAccented;
        }
        Add("ﬁﬂ", MojibakeCharClass.LowerAccented);

        foreach (var charset in new[] { SingleByteCharset.Windows1252, SingleByteCharset.MacRoman, SingleByteCharset.Iso8859_13 })
            Add(string.Concat(charset.UpperHalf), MojibakeCharClass.Legacy);
        Add("\uFFFD", MojibakeCharClass.Legacy);
        return table;
    }
}
