using NewsBot.Ingestion.TextRepair;

namespace NewsBot.Ingestion.Tests.TextRepair;

public sealed class TextNormalizerTests
{
    [Fact]
    public void Line_ends_become_LF()
    {
        Assert.Equal("a\nb\nc\n\nd", TextNormalizer.Normalize("a\r\nb\rc\n\r\nd"));
    }

    [Fact]
    public void Byte_order_marks_and_meaningless_zero_width_characters_are_removed()
    {
        Assert.Equal("start word joined lawsuit", TextNormalizer.Normalize("\uFEFFstart wo\u200Brd jo\u2060ined law\u00ADsuit"));
    }

    [Fact]
    public void Control_characters_other_than_newline_and_tab_are_removed()
    {
        Assert.Equal("ab\tc\nd", TextNormalizer.Normalize("a\u0000b\t\u0007c\n\u0085d\u007F"));
    }

    [Fact]
    public void Text_is_composed_to_NFC()
    {
        Assert.Equal("café", TextNormalizer.Normalize("cafe\u0301"));
    }

    [Fact]
    public void Joiners_inside_emoji_sequences_stay()
    {
        const string technologist = "👩\u200D💻";
        Assert.Same(technologist, TextNormalizer.Normalize(technologist));
    }

    [Fact]
    public void Clean_text_including_curly_quotes_is_returned_as_the_same_instance()
    {
        const string text = "“Curly” quotes, ‘single’ ones,\ttabs and — dashes — stay.\n";
        Assert.Same(text, TextNormalizer.Normalize(text));
    }
}
