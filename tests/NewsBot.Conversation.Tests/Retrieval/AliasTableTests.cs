using NewsBot.Retrieval;
using NewsBot.Retrieval.Expansion;

namespace NewsBot.Conversation.Tests.Retrieval;

public sealed class AliasTableTests
{
    [Theory]
    [InlineData("What did Big Blue announce?", "ibm")]
    [InlineData("Redmond's new model", "microsoft")]
    [InlineData("Amazon's newest training processor", "aws")]
    [InlineData("Facebook's new chatbot", "meta")]
    [InlineData("anything new on Trainium?", "aws")]
    public void The_shipped_table_bridges_common_names(string question, string expected) =>
        Assert.Contains(expected, AliasTable.Default.Expand(question));

    [Fact]
    public void Names_match_whole_words_only()
    {
        var table = AliasTable.Parse("uk = united kingdom");
        Assert.Empty(table.Expand("Ukraine's AI strategy"));
        Assert.Equal(["united kingdom"], table.Expand("the UK's AI institute"));
    }

    [Fact]
    public void An_implication_goes_one_way()
    {
        var table = AliasTable.Parse("trainium => aws, amazon");
        Assert.Equal(["aws", "amazon"], table.Expand("Trainium3 benchmarks"));
        Assert.Empty(table.Expand("what did AWS announce"));
    }

    [Fact]
    public void Names_the_question_already_uses_are_not_added()
    {
        var table = AliasTable.Parse("amazon = aws");
        Assert.Empty(table.Expand("Amazon and AWS news"));
    }

    [Theory]
    [InlineData("lonely")]
    [InlineData("a = ")]
    public void A_malformed_line_is_reported_with_its_number(string line)
    {
        var error = Assert.Throws<FormatException>(() => AliasTable.Parse("# comment\n" + line));
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void The_analyzer_gives_one_word_alternatives_per_term()
    {
        var query = new QueryAnalyzer(AliasTable.Parse("amazon = aws = amazon web services")).Analyze("Amazon's newest training processor");
        var amazon = query.Terms.ToList().IndexOf("amazon");
        Assert.True(amazon >= 0);
        Assert.Equal(["aw"], query.TermAlternatives[amazon].Select(a => a[..2]).Distinct()); // "aws" stems like any word
        Assert.All(query.TermAlternatives.Where((_, i) => i != amazon), Assert.Empty);
    }
}
