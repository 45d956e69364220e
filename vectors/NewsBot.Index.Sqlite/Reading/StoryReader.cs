using Microsoft.Data.Sqlite;
using NewsBot.Domain;

namespace NewsBot.Index.Sqlite.Reading;

/// <summary>Reads whole stories — canonical version, earliest date, every source document — a batch at a time.</summary>
internal static class StoryReader
{
    /// <summary>Columns of a story's <c>stories</c> row (s), canonical version (v) and its document (d), in <see cref="Read"/>'s order.</summary>
    public const string Columns = "s.id, v.title, v.text, v.url, v.section, s.date, s.publication, s.kind, d.title, v.source_names, v.related, v.start_offset";

    public const string Joins = "JOIN story_versions v ON v.id = s.version_id JOIN documents d ON d.id = v.document_id";

    public static async Task<Dictionary<string, Story>> LoadAsync(SqliteConnection connection, IEnumerable<string> storyIds, CancellationToken cancellationToken)
    {
        var ids = DbValues.Strings(storyIds.Distinct(StringComparer.Ordinal));
        var stories = new Dictionary<string, Story>(StringComparer.Ordinal);

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT {Columns} FROM stories s {Joins} WHERE s.id IN (SELECT value FROM json_each(@ids))";
            command.Parameters.AddWithValue("@ids", ids);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var story = Read(reader);
                stories[story.Id] = story;
            }
        }

        var sources = await LoadSourcesAsync(connection, ids, cancellationToken);
        foreach (var (id, storySources) in sources)
            if (stories.TryGetValue(id, out var story))
                stories[id] = story with { Sources = storySources };
        return stories;
    }

    /// <summary>Reads a row of <see cref="Columns"/>, without sources.</summary>
    public static Story Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Title = reader.GetString(1),
        Text = reader.GetString(2),
        Url = DbValues.ReadString(reader, 3),
        Section = DbValues.ReadString(reader, 4),
        Date = DbValues.ReadDate(reader, 5),
        Publication = reader.GetString(6),
        Kind = DbValues.ReadKind(reader, 7),
        DocumentTitle = reader.GetString(8),
        SourceNames = DbValues.ReadStrings(reader, 9),
        Related = DbValues.ReadLinks(reader, 10),
        StartOffset = DbValues.ReadInt(reader, 11),
    };

    /// <summary>Each story's documents, earliest first (undated last).</summary>
    private static async Task<Dictionary<string, List<StorySource>>> LoadSourcesAsync(SqliteConnection connection, string idsJson, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT v.story_id, d.path, d.title, d.publication, d.date
            FROM story_versions v JOIN documents d ON d.id = v.document_id
            WHERE v.story_id IN (SELECT value FROM json_each(@ids))
            ORDER BY v.story_id, d.date IS NULL, d.date, d.path
            """;
        command.Parameters.AddWithValue("@ids", idsJson);
        var sources = new Dictionary<string, List<StorySource>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var storyId = reader.GetString(0);
            if (!sources.TryGetValue(storyId, out var list)) sources[storyId] = list = [];
            list.Add(new StorySource(reader.GetString(1), reader.GetString(2), reader.GetString(3), DbValues.ReadDate(reader, 4)));
        }
        return sources;
    }
}
