using System.Text;
using NewsBot.Ingestion.Pipeline;
using NewsBot.Ingestion.Readers;

namespace NewsBot.Ingestion.Tests.Pipeline;

public class DocumentDecoderTests
{
    [Fact]
    public void Refuses_binary_empty_and_non_utf8_files_with_a_reason()
    {
        Assert.Contains("empty", Assert.Throws<DocumentFormatException>(() => DocumentDecoder.Decode("a", [])).Message);
        Assert.Contains("binary", Assert.Throws<DocumentFormatException>(() => DocumentDecoder.Decode("a", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])).Message);
        Assert.Contains("UTF-8", Assert.Throws<DocumentFormatException>(() => DocumentDecoder.Decode("a", [0x61, 0xFF, 0xFE, 0x62])).Message);
    }

    [Fact]
    public void Accepts_a_byte_order_mark_and_crlf()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Title line\r\nSecond’s line\r\n")).ToArray();
        var source = DocumentDecoder.Decode("doc.txt", bytes);
        Assert.Equal("Title line\nSecond’s line\n", source.Text);
    }
}
