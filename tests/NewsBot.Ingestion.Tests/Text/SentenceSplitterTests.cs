using NewsBot.Domain.Text;

namespace NewsBot.Ingestion.Tests.Text;

public class SentenceSplitterTests
{
    [Fact]
    public void Splits_at_sentence_ends_and_keeps_the_text_verbatim()
    {
        const string text = "AWS introduced Trainium3. It is 4x faster! Is it cheaper? Yes.";
        Assert.Equal(["AWS introduced Trainium3.", "It is 4x faster!", "Is it cheaper?", "Yes."], SentenceSplitter.SplitToStrings(text));
    }

    [Theory]
    [InlineData("The U.S. government said so. Then it changed.", 2)]
    [InlineData("Dr. Smith met Mr. Jones at 3.5 p.m. today. Nothing else.", 2)]
    [InlineData("Models such as GPT-4.5 and e.g. Claude 3.7 were tested. Results vary.", 2)]
    [InlineData("Released by J. Smith in Jan. 2025 for $1.5 billion. Done.", 2)]
    [InlineData("He said \"this is it.\" Then left.", 2)]
    [InlineData("first line without a period\nsecond line", 2)]
    [InlineData("lowercase after a period. does not start a sentence", 1)]
    public void Does_not_split_inside_abbreviations_numbers_or_quotes(string text, int expected)
    {
        Assert.Equal(expected, SentenceSplitter.Split(text).Count);
    }

    [Fact]
    public void Spans_locate_each_sentence_in_the_original_text()
    {
        const string text = "  One sentence here.   Another one there.\n\nA third.  ";
        foreach (var span in SentenceSplitter.Split(text))
        {
            var sentence = text.Substring(span.Start, span.Length);
            Assert.Equal(sentence.Trim(), sentence);
            Assert.NotEmpty(sentence);
        }
        Assert.Equal(3, SentenceSplitter.Split(text).Count);
    }

    [Fact]
    public void Empty_and_blank_text_has_no_sentences()
    {
        Assert.Empty(SentenceSplitter.Split(""));
        Assert.Empty(SentenceSplitter.Split(" \n\n \t"));
    }
}
