using NewsBot.Conversation.Memory;
using NewsBot.Conversation.Understanding;
using NewsBot.Domain;
using NewsBot.Retrieval;

namespace NewsBot.Conversation.Tests.Conversations;

public sealed class FollowUpResolverTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private readonly FollowUpResolver _resolver = new(new QueryAnalyzer());

    private static IReadOnlyList<ConversationTurn> After(string topic) =>
        [new ConversationTurn(topic, topic, topic, new Answer { Text = "…", Citations = [] }, DateTimeOffset.UnixEpoch)];

    [Theory]
    [InlineData("What did OpenAI announce at DevDay?", "what about Google?", "What did Google announce at DevDay?")]
    [InlineData("Which chip did AWS unveil at re:Invent 2025?", "And Microsoft?", "Which chip did Microsoft unveil at re:Invent 2025?")]
    [InlineData("how much did anthropic raise?", "how about mistral", "how much did mistral raise?")]
    public void What_about_asks_the_previous_question_about_the_new_subject(string previous, string question, string expected)
    {
        var resolved = _resolver.Resolve(question, After(previous), Today);
        Assert.Equal(expected, resolved.Text);
        Assert.Equal(previous, resolved.FollowsUpOn);
        Assert.Equal(expected, resolved.Topic); // the next "what about" rewrites this one
    }

    [Fact]
    public void What_about_a_time_asks_the_previous_question_for_that_time()
    {
        var resolved = _resolver.Resolve("and last month?", After("What did OpenAI release this week?"), Today);
        Assert.Equal("What did OpenAI release last month", resolved.Text.TrimEnd('?'));
    }

    [Theory]
    [InlineData("when was that?")]
    [InlineData("who made it?")]
    [InlineData("tell me more")]
    [InlineData("why?")]
    public void Short_questions_that_point_back_carry_the_previous_question(string question)
    {
        var resolved = _resolver.Resolve(question, After("Which chip did AWS unveil at re:Invent 2025?"), Today);
        Assert.Equal($"{question} Which chip did AWS unveil at re:Invent 2025?", resolved.Text);
        Assert.Equal("Which chip did AWS unveil at re:Invent 2025?", resolved.Topic);
    }

    [Theory]
    [InlineData("What is Mistral Large 3?")]
    [InlineData("who founded Dynatomics and what does it build?")]
    public void Questions_that_stand_alone_are_left_alone(string question)
    {
        var resolved = _resolver.Resolve(question, After("Which chip did AWS unveil at re:Invent 2025?"), Today);
        Assert.Equal(question, resolved.Text);
        Assert.Null(resolved.FollowsUpOn);
    }

    [Fact]
    public void Without_history_nothing_is_a_follow_up()
    {
        var resolved = _resolver.Resolve("what about Google?", [], Today);
        Assert.Equal("what about Google?", resolved.Text);
        Assert.Null(resolved.FollowsUpOn);
    }
}
