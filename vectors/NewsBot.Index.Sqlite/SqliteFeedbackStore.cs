using System.Globalization;
using NewsBot.Index.Feedback;

namespace NewsBot.Index.Sqlite;

/// <summary>Readers' feedback in the index's SQLite file (table <c>feedback</c>), beside the news it rates.</summary>
public sealed class SqliteFeedbackStore : IFeedbackStore
{
    private readonly ConnectionFactory _connections;

    internal SqliteFeedbackStore(ConnectionFactory connections) => _connections = connections;

    public async Task SaveAsync(FeedbackEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feedback (answer_id, rating, comment, channel, question, answer_text, created_at)
            VALUES (@answer, @rating, @comment, @channel, @question, @text, @created)
            ON CONFLICT (answer_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, created_at = excluded.created_at
            """;
        command.Parameters.AddWithValue("@answer", entry.AnswerId);
        command.Parameters.AddWithValue("@rating", entry.Rating == FeedbackRating.Up ? "up" : "down");
        command.Parameters.AddWithValue("@comment", DbValues.Nullable(entry.Comment));
        command.Parameters.AddWithValue("@channel", entry.Channel);
        command.Parameters.AddWithValue("@question", DbValues.Nullable(entry.Question));
        command.Parameters.AddWithValue("@text", DbValues.Nullable(entry.AnswerText));
        command.Parameters.AddWithValue("@created", entry.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<FeedbackSummary> SummarizeAsync(int recent, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        long up = 0, down = 0;
        await using (var counts = connection.CreateCommand())
        {
            counts.CommandText = "SELECT rating, count(*) FROM feedback GROUP BY rating";
            await using var reader = await counts.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                if (reader.GetString(0) == "up") up = reader.GetInt64(1); else down = reader.GetInt64(1);
        }
        var entries = new List<FeedbackEntry>();
        await using (var latest = connection.CreateCommand())
        {
            latest.CommandText = """
                SELECT answer_id, rating, comment, channel, question, answer_text, created_at
                FROM feedback ORDER BY created_at DESC LIMIT @limit
                """;
            latest.Parameters.AddWithValue("@limit", Math.Max(0, recent));
            await using var reader = await latest.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                entries.Add(new FeedbackEntry
                {
                    AnswerId = reader.GetString(0),
                    Rating = reader.GetString(1) == "up" ? FeedbackRating.Up : FeedbackRating.Down,
                    Comment = DbValues.ReadString(reader, 2),
                    Channel = reader.GetString(3),
                    Question = DbValues.ReadString(reader, 4),
                    AnswerText = DbValues.ReadString(reader, 5),
                    CreatedAt = DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                });
        }
        return new FeedbackSummary(up, down, entries);
    }
}
