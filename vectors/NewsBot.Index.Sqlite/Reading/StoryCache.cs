using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using NewsBot.Domain;

namespace NewsBot.Index.Sqlite.Reading;

/// <summary>
/// Stories and their passages as last read, kept while the index's generation stays the same (any write, from this
/// process or another, moves it on and empties the cache). Every search loads its candidates' whole stories, and a
/// server asks about the same stories all day; reading them once saves most of a question's SQLite work.
/// </summary>
internal sealed class StoryCache(int capacity)
{
    private sealed record Generation(long Number, ConcurrentDictionary<string, Story> Stories, ConcurrentDictionary<string, IReadOnlyList<Passage>> Passages);

    private volatile Generation _current = new(-1, new(StringComparer.Ordinal), new(StringComparer.Ordinal));

    /// <param name="generationNumber">The index's generation as the caller's transaction sees it, when it has read it already; else it is read here.</param>
    public async Task<Dictionary<string, Story>> LoadStoriesAsync(SqliteConnection connection, IEnumerable<string> storyIds, CancellationToken cancellationToken,
        long? generationNumber = null)
    {
        var generation = generationNumber is { } known ? For(known) : await CurrentAsync(connection, cancellationToken);
        var result = new Dictionary<string, Story>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var id in storyIds)
            if (generation.Stories.TryGetValue(id, out var story)) result[id] = story;
            else missing.Add(id);
        if (missing.Count == 0) return result;
        foreach (var (id, story) in await StoryReader.LoadAsync(connection, missing, cancellationToken))
        {
            result[id] = story;
            if (generation.Stories.Count < capacity) generation.Stories.TryAdd(id, story);
        }
        return result;
    }

    public async Task<IReadOnlyList<Passage>> LoadPassagesAsync(SqliteConnection connection, string storyId, CancellationToken cancellationToken,
        long? generationNumber = null)
    {
        var generation = generationNumber is { } known ? For(known) : await CurrentAsync(connection, cancellationToken);
        if (generation.Passages.TryGetValue(storyId, out var cached)) return cached;
        var passages = await PassageReader.ReadAsync(connection, storyId, cancellationToken);
        if (generation.Passages.Count < capacity) generation.Passages.TryAdd(storyId, passages);
        return passages;
    }

    private async Task<Generation> CurrentAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT generation FROM index_state";
        return For((long)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    private Generation For(long number)
    {
        var current = _current;
        if (current.Number == number) return current;
        var fresh = new Generation(number, new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        _current = fresh;
        return fresh;
    }
}
