using System.Globalization;
using Microsoft.Data.Sqlite;
using NewsBot.Domain;

namespace NewsBot.Index.Sqlite.Reading;

/// <summary>BM25 over the canonical passages, filtered inside the query so the limit counts only passages that pass.</summary>
internal sealed class LexicalSearcher(double titleWeight)
{
    // FTS5 ranks by this per query (the "rank MATCH" override), best first; bm25() is lower-is-better.
    private readonly string _rankFunction = string.Create(CultureInfo.InvariantCulture, $"bm25({titleWeight:R}, 1.0)");

    public async Task<IReadOnlyList<PassageHit>> SearchAsync(SqliteConnection connection, LexicalQuery query, CancellationToken cancellationToken)
    {
        if (query.Limit <= 0 || FtsQueryBuilder.Build(query.Terms) is not { } match) return [];

        var found = new List<(Passage Passage, double Score)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                SELECT s.id, p.ordinal, p.start, p.length, p.text, f.rank
                FROM passage_fts f
                JOIN passages p ON p.id = f.rowid
                JOIN stories s ON s.version_id = p.version_id
                WHERE f.passage_fts MATCH @match AND f.rank MATCH @rank_function
                  AND {FilterSql.Condition}
                ORDER BY f.rank
                LIMIT @limit
                """;
            command.Parameters.AddWithValue("@match", match);
            command.Parameters.AddWithValue("@rank_function", _rankFunction);
            command.Parameters.AddWithValue("@limit", query.Limit);
            FilterSql.Bind(command, query.Filter);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var storyId = reader.GetString(0);
                var ordinal = reader.GetInt32(1);
                found.Add((new Passage
                {
                    Id = Passage.MakeId(storyId, ordinal),
                    StoryId = storyId,
                    Ordinal = ordinal,
                    Start = reader.GetInt32(2),
                    Length = reader.GetInt32(3),
                    Text = reader.GetString(4),
                    StoryTitle = "",
                }, -reader.GetDouble(5)));
            }
        }
        if (found.Count == 0) return [];

        var stories = await StoryReader.LoadAsync(connection, found.Select(f => f.Passage.StoryId), cancellationToken);
        return found.Select(f =>
        {
            var story = stories[f.Passage.StoryId];
            return new PassageHit(f.Passage with { StoryTitle = story.Title, StoryDate = story.Date }, story, f.Score);
        }).ToList();
    }
}
