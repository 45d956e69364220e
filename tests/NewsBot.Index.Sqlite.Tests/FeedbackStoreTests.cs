using NewsBot.Index.Feedback;

namespace NewsBot.Index.Sqlite.Tests;

public class FeedbackStoreTests : IndexTestBase
{
    private static FeedbackEntry Entry(string answerId, FeedbackRating rating, int minute, string? comment = null) => new()
    {
        AnswerId = answerId,
        Rating = rating,
        Comment = comment,
        Channel = "web",
        Question = "q " + answerId,
        AnswerText = "a " + answerId,
        CreatedAt = new DateTimeOffset(2026, 1, 1, 12, minute, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task Ratings_are_kept_in_the_file_counted_and_listed_newest_first()
    {
        var feedback = Index.Feedback;
        await feedback.SaveAsync(Entry("a1", FeedbackRating.Up, 1));
        await feedback.SaveAsync(Entry("a2", FeedbackRating.Down, 2, "wrong date"));
        await feedback.SaveAsync(Entry("a3", FeedbackRating.Up, 3));
        await ReopenAsync();

        var summary = await Index.Feedback.SummarizeAsync(recent: 2);
        Assert.Equal((2, 1, 3), (summary.Up, summary.Down, summary.Total));
        Assert.Equal(["a3", "a2"], summary.Recent.Select(e => e.AnswerId));
        Assert.Equal(Entry("a2", FeedbackRating.Down, 2, "wrong date"), summary.Recent[1]);
    }

    [Fact]
    public async Task Rating_an_answer_again_replaces_the_rating()
    {
        var feedback = Index.Feedback;
        await feedback.SaveAsync(Entry("a1", FeedbackRating.Down, 1));
        await feedback.SaveAsync(Entry("a1", FeedbackRating.Up, 5, "actually fine"));

        var summary = await feedback.SummarizeAsync(recent: 10);
        Assert.Equal((1, 0), (summary.Up, summary.Down));
        var entry = Assert.Single(summary.Recent);
        Assert.Equal("actually fine", entry.Comment);
        Assert.Equal("q a1", entry.Question);
    }
}
