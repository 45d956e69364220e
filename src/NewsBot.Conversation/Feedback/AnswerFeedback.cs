using NewsBot.Conversation.Memory;
using NewsBot.Index.Feedback;

namespace NewsBot.Conversation.Feedback;

/// <summary>
/// Readers' 👍/👎 on answers, from any surface: a rating names an answer the engine still remembers, and is stored
/// with that answer's question and text. Every adapter records through this one place.
/// </summary>
public sealed class AnswerFeedback(ConversationMemory memory, IFeedbackStore store, TimeProvider clock)
{
    public const int MaxCommentLength = 1000;

    /// <summary>Stores the rating; false when no remembered answer has <paramref name="answerId"/> (unknown, or its conversation expired).</summary>
    public async Task<bool> RecordAsync(string answerId, FeedbackRating rating, string? comment, string channel, CancellationToken cancellationToken = default)
    {
        if (memory.FindAnswer(answerId) is not { } turn) return false;
        comment = comment?.Trim();
        await store.SaveAsync(new FeedbackEntry
        {
            AnswerId = answerId,
            Rating = rating,
            Comment = comment is { Length: > 0 } ? comment[..Math.Min(comment.Length, MaxCommentLength)] : null,
            Channel = channel,
            Question = turn.Question,
            AnswerText = turn.Answer.Text,
            CreatedAt = clock.GetUtcNow(),
        }, cancellationToken);
        return true;
    }

    /// <summary>Counts of every rating, and the <paramref name="recent"/> newest.</summary>
    public Task<FeedbackSummary> SummarizeAsync(int recent, CancellationToken cancellationToken = default) => store.SummarizeAsync(recent, cancellationToken);
}
