using System.Text.Json;
using NewsBot.Index.Feedback;
using NewsBot.Teams.Turns;

namespace NewsBot.Teams.Tests.Turns;

/// <summary>The value of Teams' <c>message/submitAction</c> invoke when a reader rates a message.</summary>
public sealed class FeedbackValueTests
{
    private static FeedbackValue? Read(string json) => FeedbackValue.Read(JsonDocument.Parse(json).RootElement.Clone());

    [Fact]
    public void A_like_with_Teams_form_comment_reads_as_up_with_the_comment()
    {
        var value = Read("""{"actionName":"feedback","actionValue":{"reaction":"like","feedback":"{\"feedbackText\":\"Spot on\"}"}}""");
        Assert.Equal(new FeedbackValue(FeedbackRating.Up, "Spot on"), value);
    }

    [Fact]
    public void A_dislike_without_comment_reads_as_down()
    {
        Assert.Equal(new FeedbackValue(FeedbackRating.Down, null), Read("""{"actionName":"feedback","actionValue":{"reaction":"dislike"}}"""));
        Assert.Equal(new FeedbackValue(FeedbackRating.Down, null), Read("""{"actionName":"feedback","actionValue":{"reaction":"dislike","feedback":"{}"}}"""));
    }

    [Theory]
    [InlineData("""{"actionName":"other","actionValue":{"reaction":"like"}}""")]
    [InlineData("""{"actionName":"feedback","actionValue":{"reaction":"love"}}""")]
    [InlineData("""{"actionName":"feedback"}""")]
    [InlineData("""{"actionName":"feedback","actionValue":"like"}""")]
    [InlineData("""[1,2]""")]
    public void Anything_else_is_not_feedback(string json) => Assert.Null(Read(json));
}
