namespace NewsBot.Ingestion.TextRepair;

/// <summary>
/// C1 control characters (U+0080–U+009F) are what Windows-1252 punctuation becomes when read as Latin-1;
/// in text that also held UTF-8 mojibake they are read back as the Windows-1252 characters they were.
/// </summary>
internal static class C1Controls
{
    public static string ToWindows1252(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\u0080', '\u009F')) return text;
        return string.Create(text.Length, text, static (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                var c = source[i];
                chars[i] = c is >= '\u0080' and <= '\u009F' ? SingleByteCharset.Windows1252.Decode((byte)c) : c;
            }
        });
    }
}
