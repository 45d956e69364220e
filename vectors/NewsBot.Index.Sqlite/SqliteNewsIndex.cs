using Microsoft.Data.Sqlite;
using NewsBot.Domain;
using NewsBot.Index.Sqlite.Reading;
using NewsBot.Index.Sqlite.Schema;
using NewsBot.Index.Sqlite.Writing;

namespace NewsBot.Index.Sqlite;

/// <summary>
/// The embedded store: one SQLite file holding documents, story versions, stories and passages, with an FTS5 index
/// over the canonical passages. Safe for concurrent use: reads run in parallel on pooled connections, writes are
/// serialised, and each document write is one transaction.
/// </summary>
public sealed class SqliteNewsIndex : INewsIndex
{
    private readonly ConnectionFactory _connections;
    private readonly DocumentFrequencies _frequencies = new();
    private readonly LexicalSearcher _searcher;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _disposed;

    private SqliteNewsIndex(ConnectionFactory connections, SqliteIndexOptions options)
    {
        _connections = connections;
        _searcher = new LexicalSearcher(options.TitleWeight, _frequencies);
    }

    /// <summary>The full path of the database file.</summary>
    public string Path => _connections.Path;

    /// <summary>Opens the index at <paramref name="path"/>, creating the file (and its folder) or upgrading its schema as needed.</summary>
    public static Task<SqliteNewsIndex> OpenAsync(string path, SqliteIndexOptions? options = null, CancellationToken cancellationToken = default) =>
        OpenAsync(path, options, Migrations.All, cancellationToken);

    internal static async Task<SqliteNewsIndex> OpenAsync(string path, SqliteIndexOptions? options, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        options ??= SqliteIndexOptions.Default;
        if (!(options.TitleWeight > 0) || double.IsInfinity(options.TitleWeight))
            throw new ArgumentOutOfRangeException(nameof(options), options.TitleWeight, "The title weight must be a positive number.");
        var fullPath = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        var connections = new ConnectionFactory(fullPath, options.BusyTimeout);
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using (var wal = connection.CreateCommand())
            {
                // Persistent in the file; readers then never block the writer, nor it them.
                wal.CommandText = "PRAGMA journal_mode = WAL";
                await wal.ExecuteNonQueryAsync(cancellationToken);
            }
            await SchemaMigrator.MigrateAsync(connection, fullPath, migrations, cancellationToken);
        }
        catch
        {
            connections.ClearPool();
            throw;
        }
        return new SqliteNewsIndex(connections, options);
    }

    public async Task<string?> GetDocumentHashAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT content_hash FROM documents WHERE path = @path";
        command.Parameters.AddWithValue("@path", path);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task ReplaceDocumentAsync(DocumentRecord document, IReadOnlyList<StoryRecord> stories, CancellationToken cancellationToken = default)
    {
        var unique = LongestPerStory(stories);
        await WriteAsync(async (writer, canonicalizer, ct) =>
        {
            var documentId = await writer.UpsertDocumentAsync(document, ct);
            var affected = (await writer.StoriesOfDocumentAsync(documentId, ct)).Union(unique.Select(s => s.Id)).ToList();
            await canonicalizer.WithdrawAsync(affected, ct);
            await writer.DeleteVersionsAsync(documentId, ct);
            for (var position = 0; position < unique.Count; position++)
            {
                ct.ThrowIfCancellationRequested();
                await writer.InsertVersionAsync(documentId, position, unique[position], ct);
            }
            await canonicalizer.PublishAsync(affected, ct);
            return true;
        }, cancellationToken);
    }

    public Task<bool> RemoveDocumentAsync(string path, CancellationToken cancellationToken = default) =>
        WriteAsync(async (writer, canonicalizer, ct) =>
        {
            if (await writer.FindDocumentAsync(path, ct) is not { } documentId) return false;
            var affected = await writer.StoriesOfDocumentAsync(documentId, ct);
            await canonicalizer.WithdrawAsync(affected, ct);
            await writer.DeleteDocumentAsync(documentId, ct);
            await canonicalizer.PublishAsync(affected, ct);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<PassageHit>> SearchLexicalAsync(LexicalQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync(connection => _searcher.SearchAsync(connection, query, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<Story>> GetLatestStoriesAsync(SearchFilter filter, int limit, CancellationToken cancellationToken = default) =>
        limit <= 0 ? [] : await ReadAsync(connection => LatestStoriesAsync(connection, filter, limit, cancellationToken), cancellationToken);

    private static async Task<IReadOnlyList<Story>> LatestStoriesAsync(SqliteConnection connection, SearchFilter filter, int limit, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            // The order of index stories_latest: NULL dates last; within a day, the order stories were written in.
            command.CommandText = $"""
                SELECT s.id FROM stories s
                WHERE {FilterSql.Condition}
                ORDER BY s.date DESC, s.version_id
                LIMIT @limit
                """;
            FilterSql.Bind(command, filter);
            command.Parameters.AddWithValue("@limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
        }
        var stories = await StoryReader.LoadAsync(connection, ids, cancellationToken);
        return ids.Select(id => stories[id]).ToList();
    }

    public Task<Story?> GetStoryAsync(string storyId, CancellationToken cancellationToken = default) =>
        ReadAsync(async connection => (await StoryReader.LoadAsync(connection, [storyId], cancellationToken)).GetValueOrDefault(storyId), cancellationToken);

    public async Task<IReadOnlyList<Passage>> GetPassagesAsync(string storyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
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

    public Task<TermStatistics> GetTermStatisticsAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken = default) =>
        ReadAsync(connection => StatisticsReader.TermStatisticsAsync(connection, _frequencies, terms, cancellationToken), cancellationToken);

    public Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(connection => StatisticsReader.StatsAsync(connection, cancellationToken), cancellationToken);

    /// <summary>
    /// Merges the search index into one segment and refreshes SQLite's planner statistics. Worth calling after a bulk
    /// ingest: every document write adds a small segment, and each search reads them all. Changes no result.
    /// </summary>
    public async Task OptimizeAsync(CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO passage_fts (passage_fts) VALUES ('optimize'); PRAGMA optimize;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        // Wait out a write in progress, so it commits or rolls back before the pool closes under it.
        await _writeLock.WaitAsync();
        _connections.ClearPool();
        _writeLock.Dispose();
    }

    /// <summary>
    /// Runs <paramref name="read"/> in a read transaction: its queries all see one snapshot, so a write committing
    /// meanwhile cannot, say, delete a story between finding its passages and loading it.
    /// </summary>
    private async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        return await read(connection);
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction, committed only if it completes.</summary>
    private async Task<T> WriteAsync<T>(Func<DocumentWriter, StoryCanonicalizer, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken);
            // IMMEDIATE: take the write lock up front rather than fail to upgrade a read lock midway.
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var commands = new CommandSet(transaction);
            var canonicalizer = new StoryCanonicalizer(commands);
            var result = await work(new DocumentWriter(commands), canonicalizer, cancellationToken);
            await canonicalizer.RecordWriteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>A story listed twice by one document keeps its longer telling, in the place it first appeared.</summary>
    private static List<StoryRecord> LongestPerStory(IReadOnlyList<StoryRecord> stories)
    {
        var unique = new List<StoryRecord>(stories.Count);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var story in stories)
        {
            if (!index.TryGetValue(story.Id, out var i)) { index[story.Id] = unique.Count; unique.Add(story); }
            else if (story.Text.Length > unique[i].Text.Length) unique[i] = story;
        }
        return unique;
    }
}
