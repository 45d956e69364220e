using NewsBot.Teams.Turns;

namespace NewsBot.Teams.Tests.Turns;

public sealed class TeamsCommandTests
{
    [Theory]
    [InlineData("help", TeamsCommandKind.Help, "")]
    [InlineData("HELP", TeamsCommandKind.Help, "")]
    [InlineData("/help", TeamsCommandKind.Help, "")]
    [InlineData("", TeamsCommandKind.Help, "")]
    [InlineData("latest", TeamsCommandKind.Latest, "")]
    [InlineData("Latest robotics startups", TeamsCommandKind.Latest, "robotics startups")]
    [InlineData("new", TeamsCommandKind.New, "")]
    [InlineData("reset", TeamsCommandKind.New, "")]
    [InlineData("help me understand GPT-5", TeamsCommandKind.Question, "help me understand GPT-5")]
    [InlineData("new chips from Nvidia?", TeamsCommandKind.Question, "new chips from Nvidia?")]
    [InlineData("What did OpenAI announce?", TeamsCommandKind.Question, "What did OpenAI announce?")]
    public void Commands_are_recognised_and_everything_else_is_a_question(string text, TeamsCommandKind kind, string rest)
    {
        var command = TeamsCommand.Parse(text);
        Assert.Equal(kind, command.Kind);
        Assert.Equal(rest, command.Text);
    }

    [Fact]
    public void Latest_asks_the_engine_for_the_newest_stories()
    {
        Assert.Equal("What's new?", TeamsCommand.Parse("latest").LatestQuestion);
        Assert.Equal("Latest news about robotics", TeamsCommand.Parse("latest robotics").LatestQuestion);
    }
}

public sealed class SentAnswersTests
{
    [Fact]
    public void A_rated_message_finds_its_answer_and_a_rating_without_message_finds_the_latest()
    {
        var sent = new SentAnswers();
        sent.Remember("chat", "m1", "a_first");
        sent.Remember("chat", "m2", "a_second");
        sent.Remember("other", "m1", "a_other");
        Assert.Equal("a_first", sent.Find("chat", "m1"));
        Assert.Equal("a_other", sent.Find("other", "m1"));
        Assert.Equal("a_second", sent.Find("chat", null));
        Assert.Null(sent.Find("chat", "m9"));
        Assert.Null(sent.Find("nobody", null));
    }

    [Fact]
    public void The_oldest_are_forgotten_past_the_capacity()
    {
        var sent = new SentAnswers(capacity: 2);
        sent.Remember("chat", "m1", "a1");
        sent.Remember("chat", "m2", "a2");
        sent.Remember("other", "m3", "a3");
        Assert.Null(sent.Find("chat", "m1"));
        Assert.Equal("a2", sent.Find("chat", "m2"));
        Assert.Equal("a2", sent.Find("chat", null));
    }
}
