using System.Text;
using NewsBot.Ingestion.Readers;
using NewsBot.Ingestion.TextRepair;

namespace NewsBot.Ingestion.Pipeline;

/// <summary>
/// Turns a file's bytes into the text readers parse: strict UTF-8 (a byte-order mark is fine), refusing binary data,
/// then mojibake repair and normalisation.
/// </summary>
public static class DocumentDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static SourceText Decode(string path, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) throw new DocumentFormatException("the file is empty");
        if (bytes.IndexOf((byte)0) >= 0) throw new DocumentFormatException("the file holds binary data (NUL bytes), not text");
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[3..] : bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new DocumentFormatException($"the file is not valid UTF-8 text (bad byte at offset {e.Index}); save it as UTF-8 and ingest it again");
        }
        text = TextNormalizer.Normalize(MojibakeRepair.Repair(text));
        if (string.IsNullOrWhiteSpace(text)) throw new DocumentFormatException("the file holds no text");
        return new SourceText(path, text);
    }
}
