using NewsBot.Domain;
using NewsBot.Retrieval;

namespace NewsBot.Conversation.Tests;

public class QueryAnalyzerTests
{
    private readonly QueryAnalyzer _analyzer = new();

    [Fact]
    public void Question_words_are_not_search_terms()
    {
        var query = _analyzer.Analyze("what's the name of the Pentagon program Scale AI got?");
        Assert.DoesNotContain(query.Terms, t => t is "what" or "name" or "the" or "got");
        Assert.Contains(query.Terms, t => t.StartsWith("pentagon"));
        Assert.Contains(query.Terms, t => t.StartsWith("scale"));
    }

    [Theory]
    [InlineData("how much does gpt-6 cost in the api?", "gpt 6")]
    [InlineData("any news on when meta is releasing llama 5?", "llama 5")]
    [InlineData("what benchmarks did grok 5 top when it launched?", "grok 5")]
    [InlineData("what's the Pika 2.0 feature for images?", "Pika 2.0")]
    public void Versioned_product_names_are_recognised(string question, string expected)
    {
        var names = _analyzer.Analyze(question).VersionedNames.Select(v => v.ToString().Replace('-', ' ').ToLowerInvariant());
        Assert.Contains(expected.ToLowerInvariant(), names);
    }

    [Theory]
    [InlineData("what did AWS announce at re:Invent 2025?")]
    [InlineData("how many of the top 5 labs signed?")]
    [InlineData("what fraction of writing got translated into 3 languages?")]
    public void Years_and_plain_numbers_are_not_versions(string question)
    {
        Assert.Empty(_analyzer.Analyze(question).VersionedNames);
    }

    [Theory]
    [InlineData("when does alexa plus early access start?", QuestionType.When)]
    [InlineData("who took over at Cruise after Kyle Vogt resigned?", QuestionType.Who)]
    [InlineData("how much did AI21 Labs raise in their series C?", QuestionType.HowMuch)]
    [InlineData("which chip did AWS unveil?", QuestionType.Which)]
    public void Question_types_are_classified(string question, QuestionType expected)
    {
        Assert.Equal(expected, _analyzer.Analyze(question).Type);
    }

    [Fact]
    public void Mentioning_the_podcast_points_at_transcripts()
    {
        Assert.Equal(DocumentKind.Transcript, _analyzer.Analyze("on the podcast, what's baidu's new reasoning model called?").KindHint);
        Assert.Null(_analyzer.Analyze("what's baidu's new reasoning model called?").KindHint);
    }
}
