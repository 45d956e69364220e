namespace NewsBot.Index.Feedback;

/// <summary>
/// Where readers' 👍/👎 on answers are kept, whatever surface they came from (web, Teams, Discord), for maintainers
/// to read back. The embedded store keeps them in its SQLite file.
/// </summary>
public interface IFeedbackStore
{
    /// <summary>Records <paramref name="entry"/>; a second rating of the same answer replaces the first.</summary>
    Task SaveAsync(FeedbackEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Counts of every rating, and the <paramref name="recent"/> newest entries.</summary>
    Task<FeedbackSummary> SummarizeAsync(int recent, CancellationToken cancellationToken = default);
}

public enum FeedbackRating { Up, Down }

/// <summary>One reader's rating of one answer, with the question and answer it rated (answers are not stored otherwise).</summary>
public sealed record FeedbackEntry
{
    public required string AnswerId { get; init; }
    public required FeedbackRating Rating { get; init; }
    public string? Comment { get; init; }
    /// <summary>The surface it came from: "web", "teams", "discord".</summary>
    public required string Channel { get; init; }
    public string? Question { get; init; }
    public string? AnswerText { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

public sealed record FeedbackSummary(long Up, long Down, IReadOnlyList<FeedbackEntry> Recent)
{
    public long Total => Up + Down;
}
