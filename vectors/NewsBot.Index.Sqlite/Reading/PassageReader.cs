using Microsoft.Data.Sqlite;
using NewsBot.Domain;

namespace NewsBot.Index.Sqlite.Reading;

/// <summary>Reads a story's canonical passages, in order.</summary>
internal static class PassageReader
{
    public static async Task<IReadOnlyList<Passage>> ReadAsync(SqliteConnection connection, string storyId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p.ordinal, p.start, p.length, p.text, v.title, s.date
            FROM stories s JOIN story_versions v ON v.id = s.version_id JOIN passages p ON p.version_id = s.version_id
            WHERE s.id = @story
            ORDER BY p.ordinal
            """;
        command.Parameters.AddWithValue("@story", storyId);
        var passages = new List<Passage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var ordinal = reader.GetInt32(0);
            passages.Add(new Passage
            {
                Id = Passage.MakeId(storyId, ordinal),
                StoryId = storyId,
                Ordinal = ordinal,
                Start = reader.GetInt32(1),
                Length = reader.GetInt32(2),
                Text = reader.GetString(3),
                StoryTitle = reader.GetString(4),
                StoryDate = DbValues.ReadDate(reader, 5),
            });
        }
        return passages;
    }
}
