using Microsoft.Data.Sqlite;
using NewsBot.Domain;
using NewsBot.Index.Feedback;
using NewsBot.Index.Dense;
using NewsBot.Index.Embeddings;
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
    // Enough for every story of a corpus many times this one's (12,000 stories, about 30 MB).
    private readonly StoryCache _stories = new(capacity: 50_000);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _disposed;

    private SqliteNewsIndex(ConnectionFactory connections, SqliteIndexOptions options)
    {
        _connections = connections;
        _searcher = new LexicalSearcher(options.TitleWeight, _frequencies, _stories);
    }

    /// <summary>The full path of the database file.</summary>
    public string Path => _connections.Path;

    /// <summary>
    /// Ranks keyword searches in memory from now on (exactly as FTS5's bm25() would, several times faster), loading
    /// the ranking data now (1.6 s and 7 MB for this corpus) and again in the background whenever a write,
    /// from any process, has made it stale; searches use FTS5 until it is current. For long-running hosts.
    /// </summary>
    public async Task LoadKeywordIndexAsync(CancellationToken cancellationToken = default)
    {
        _searcher.MemoryStale ??= () =>
        {
            if (Interlocked.CompareExchange(ref _keywordReload, 1, 0) != 0) return;
            _ = Task.Run(async () =>
            {
                try { await LoadKeywordIndexAsync(); }
                catch (Exception e) when (e is SqliteException or ObjectDisposedException or InvalidOperationException) { /* searches keep using FTS5 */ }
                finally { Volatile.Write(ref _keywordReload, 0); }
            });
        };
        _searcher.Memory = await ReadAsync(connection => KeywordMemoryIndex.LoadAsync(connection, cancellationToken), cancellationToken);
    }
    private int _keywordReload;

    /// <summary>True once <see cref="LoadKeywordIndexAsync"/> has loaded the in-memory ranking.</summary>
    public bool RanksKeywordsInMemory => _searcher.Memory is not null;

    /// <summary>Readers' feedback on answers, kept in the same file.</summary>
    public IFeedbackStore Feedback => _feedback ??= new SqliteFeedbackStore(_connections);
    private SqliteFeedbackStore? _feedback;

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

    public Task ReplaceDocumentAsync(DocumentRecord document, IReadOnlyList<StoryRecord> stories, CancellationToken cancellationToken = default) =>
        ReplaceDocumentAsync(document, stories, null, cancellationToken);

    public async Task ReplaceDocumentAsync(DocumentRecord document, IReadOnlyList<StoryRecord> stories, EmbeddingModelInfo? model, CancellationToken cancellationToken = default)
    {
        var unique = StoryRecord.LongestPerStory(stories);
        if (model is null && unique.Any(s => s.Passages.Any(p => p.Vectors.Count > 0)))
            throw new ArgumentException("Passages carry vectors, but no embedding model was given for them.", nameof(model));
        await WriteAsync(async (write, ct) =>
        {
            // First, so a mismatch is refused before anything is written.
            if (model is not null) await write.Vectors.AcceptModelAsync(model, ct);
            var documentId = await write.Documents.UpsertDocumentAsync(document, ct);
            var affected = (await write.Documents.StoriesOfDocumentAsync(documentId, ct)).Union(unique.Select(s => s.Id)).ToList();
            await write.Stories.WithdrawAsync(affected, ct);
            await write.Documents.DeleteVersionsAsync(documentId, ct);
            for (var position = 0; position < unique.Count; position++)
            {
                ct.ThrowIfCancellationRequested();
                var story = unique[position];
                var passageIds = await write.Documents.InsertVersionAsync(documentId, position, story, ct);
                if (model is null) continue;
                for (var i = 0; i < passageIds.Count; i++)
                    if (story.Passages[i].Vectors.Count > 0)
                        await write.Vectors.WriteAsync(model, passageIds[i], story.Passages[i].Vectors, ct);
            }
            await write.Stories.PublishAsync(affected, ct);
            return true;
        }, cancellationToken);
    }

    public Task<bool> RemoveDocumentAsync(string path, CancellationToken cancellationToken = default) =>
        WriteAsync(async (write, ct) =>
        {
            if (await write.Documents.FindDocumentAsync(path, ct) is not { } documentId) return false;
            var affected = await write.Documents.StoriesOfDocumentAsync(documentId, ct);
            await write.Stories.WithdrawAsync(affected, ct);
            await write.Documents.DeleteDocumentAsync(documentId, ct);
            await write.Stories.PublishAsync(affected, ct);
            return true;
        }, cancellationToken);

    public Task<EmbeddingState> GetEmbeddingStateAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT embedding_model, embedding_dimensions, generation,
                       (SELECT count(*) FROM passages p WHERE NOT EXISTS (SELECT 1 FROM passage_vectors pv WHERE pv.passage_id = p.id))
                FROM index_state
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var model = reader.IsDBNull(0) ? null : new EmbeddingModelInfo(reader.GetString(0), reader.GetInt32(1));
            return new EmbeddingState(model, reader.GetInt64(3), reader.GetInt64(2), Path);
        }, cancellationToken);

    public Task<EmbeddingVersion> GetEmbeddingVersionAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT embedding_model, embedding_dimensions, generation FROM index_state";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var model = reader.IsDBNull(0) ? null : new EmbeddingModelInfo(reader.GetString(0), reader.GetInt32(1));
            return new EmbeddingVersion(model, reader.GetInt64(2), Path);
        }, cancellationToken);

    public async Task<IReadOnlyDictionary<string, ReadOnlyMemory<float>>> GetCachedEmbeddingsAsync(string modelId, IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        if (textHashes.Count == 0) return found;
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // One statement for the whole set: the hashes travel as one JSON array.
        command.CommandText = """
            SELECT e.text_hash, e.vector FROM embeddings e
            WHERE e.model = @model AND e.text_hash IN (SELECT value FROM json_each(@hashes))
            """;
        command.Parameters.AddWithValue("@model", modelId);
        command.Parameters.AddWithValue("@hashes", DbValues.Strings(textHashes));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            found[reader.GetString(0)] = VectorBlob.FromBytes(reader.GetFieldValue<byte[]>(1));
        return found;
    }

    public async Task<IReadOnlyList<StoredPassage>> GetPassagesWithoutVectorsAsync(int limit, CancellationToken cancellationToken = default)
    {
        var passages = new List<StoredPassage>();
        if (limit <= 0) return passages;
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p.id, p.ordinal, v.title, p.text
            FROM passages p JOIN story_versions v ON v.id = p.version_id
            WHERE NOT EXISTS (SELECT 1 FROM passage_vectors pv WHERE pv.passage_id = p.id)
            ORDER BY p.id
            LIMIT @limit
            """;
        command.Parameters.AddWithValue("@limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            passages.Add(new StoredPassage(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3)));
        return passages;
    }

    public Task WritePassageVectorsAsync(EmbeddingModelInfo model, IReadOnlyList<StoredPassageVectors> passages, CancellationToken cancellationToken = default) =>
        WriteAsync(async (write, ct) =>
        {
            await write.Vectors.AcceptModelAsync(model, ct);
            var existing = await write.Documents.ExistingPassagesAsync(passages.Select(p => p.PassageKey), ct);
            foreach (var passage in passages)
                if (existing.Contains(passage.PassageKey))
                    await write.Vectors.WriteAsync(model, passage.PassageKey, passage.Vectors, ct);
            return true;
        }, cancellationToken);

    public Task ResetEmbeddingsAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default) =>
        WriteAsync(async (write, ct) =>
        {
            await write.Vectors.ClearAllAsync(ct);
            await write.Vectors.SetModelAsync(model, ct);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Deletes cached vectors of other models than the index's, and of texts no passage holds any more. Ingest never
    /// calls it: the cache is what makes re-ingesting an edited document, or switching back to a model, cheap.
    /// </summary>
    public async Task<long> PruneEmbeddingCacheAsync(CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                DELETE FROM embeddings
                WHERE model IS NOT (SELECT embedding_model FROM index_state)
                   OR text_hash NOT IN (SELECT text_hash FROM passage_vectors)
                """;
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// An index without vectors (lexical only) loads as an empty dense index; one embedded with another model throws
    /// <see cref="EmbeddingModelMismatchException"/>.
    /// </summary>
    public Task<DenseIndex> LoadDenseIndexAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default) =>
        ReadAsync(async connection =>
        {
            var state = await IndexState.ReadAsync(connection, cancellationToken);
            if (state.EmbeddingModel is { } stored && !stored.Equals(model))
                throw new EmbeddingModelMismatchException(stored, model, Path);
            return await DenseLoader.LoadAsync(connection, model, state.Generation, cancellationToken);
        }, cancellationToken);

    public Task<IReadOnlyList<PassageHit>> SearchLexicalAsync(LexicalQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync(connection => _searcher.SearchAsync(connection, query, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<Story>> GetLatestStoriesAsync(SearchFilter filter, int limit, CancellationToken cancellationToken = default) =>
        limit <= 0 ? [] : await ReadAsync(connection => LatestStoriesAsync(connection, filter, limit, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<Story>> LatestStoriesAsync(SqliteConnection connection, SearchFilter filter, int limit, CancellationToken cancellationToken)
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
        var stories = await _stories.LoadStoriesAsync(connection, ids, cancellationToken);
        return ids.Select(id => stories[id]).ToList();
    }

    public Task<Story?> GetStoryAsync(string storyId, CancellationToken cancellationToken = default) =>
        ReadAsync(async connection => (await _stories.LoadStoriesAsync(connection, [storyId], cancellationToken)).GetValueOrDefault(storyId), cancellationToken);

    public Task<IReadOnlyList<Passage>> GetPassagesAsync(string storyId, CancellationToken cancellationToken = default) =>
        ReadAsync(connection => _stories.LoadPassagesAsync(connection, storyId, cancellationToken), cancellationToken);


    /// <summary>The paths of every document, in the order they were first ingested.</summary>
    public Task<List<string>> GetDocumentPathsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(connection => DocumentExporter.PathsAsync(connection, cancellationToken), cancellationToken);

    /// <summary>
    /// The document at <paramref name="path"/> as it was written: its stories (this document's versions) and their
    /// passages with the vectors of the index's model, ready to write into another store; null when it is not indexed.
    /// </summary>
    public async Task<ExportedDocument?> ExportDocumentAsync(string path, CancellationToken cancellationToken = default)
    {
        var model = (await GetEmbeddingVersionAsync(cancellationToken)).Model;
        return await ReadAsync(connection => DocumentExporter.ReadAsync(connection, path, model, cancellationToken), cancellationToken);
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
    private async Task<T> WriteAsync<T>(Func<WriteSession, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken);
            // IMMEDIATE: take the write lock up front rather than fail to upgrade a read lock midway.
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var commands = new CommandSet(transaction);
            var canonicalizer = new StoryCanonicalizer(commands);
            var result = await work(new WriteSession(new DocumentWriter(commands), canonicalizer, new VectorWriter(commands, Path)), cancellationToken);
            await canonicalizer.RecordWriteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
