using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NewsBot.Domain;
using NewsBot.Index;
using NewsBot.Index.Dense;
using NewsBot.Index.Embeddings;
using NewsBot.Index.Feedback;
using NewsBot.Qdrant.Api;
using NewsBot.Qdrant.Collections;
using NewsBot.Qdrant.Http;
using NewsBot.Qdrant.Points;
using NewsBot.Qdrant.Reading;
using NewsBot.Qdrant.Sparse;
using NewsBot.Qdrant.Writing;
using static NewsBot.Qdrant.Reading.PayloadFields;

namespace NewsBot.Qdrant;

/// <summary>
/// NewsBot's index in a Qdrant collection, for deployments that outgrow one machine: the same contract as the
/// embedded store, over Qdrant's REST API. Passages are points with a dense multivector (their embedded titles and
/// sentences) and a BM25 sparse vector; documents and the write generation are points without vectors. Qdrant
/// searches both itself (<see cref="IVectorSearchStore"/>), so no vectors are loaded into NewsBot's memory.
/// </summary>
/// <remarks>
/// Qdrant has no transactions. A document is written as one ordered batch of operations (stale points deleted by
/// filter, points upserted, other versions aligned), its content hash last, and every point id is derived from what
/// the point is, so an interrupted write is finished by the next ingest of the document and nothing is duplicated.
/// Concurrent searches may see a document half-written meanwhile.
/// </remarks>
public sealed partial class QdrantNewsIndex : INewsIndex, IVectorSearchStore
{
    /// <summary>How long a read of the write generation is trusted: writes by other processes reach caches within it.</summary>
    private static readonly TimeSpan GenerationLifetime = TimeSpan.FromSeconds(1);
    private const int ScrollPage = 1000;

    private static readonly JsonNode StoryFields = Keys(
        "story_id", "document_id", "document_path", "ordinal", "title", "text", "text_length", "version_date", "document_date", "document_added",
        "document_title", "publication", "position", "canonical", "published", "recency", "sources");

    private readonly QdrantHttp _http;
    private readonly CollectionEndpoints _collection;
    private readonly Bm25SparseEncoder _encoder;
    private readonly DocumentChange _changes;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly int _batchSize;
    private EmbeddingModelInfo _model;
    private volatile GenerationRead? _generation;

    private QdrantNewsIndex(QdrantHttp http, CollectionEndpoints collection, Bm25SparseEncoder encoder, EmbeddingModelInfo model, int batchSize, TimeProvider time)
    {
        _http = http;
        _collection = collection;
        _encoder = encoder;
        _changes = new DocumentChange(encoder, batchSize);
        _batchSize = batchSize;
        _model = model;
        _time = time;
        Location = $"Qdrant collection '{collection.Name}' at {http.BaseAddress}";
    }

    /// <summary>Readers' feedback, kept in the same collection (every server of a deployment shares it).</summary>
    public IFeedbackStore Feedback => _feedback ??= new QdrantFeedbackStore(_collection);
    private QdrantFeedbackStore? _feedback;

    /// <summary>The collection and the server, for messages (never the API key).</summary>
    public string Location { get; }

    /// <summary>
    /// Opens the collection named by <paramref name="options"/>, creating it (and its payload indexes) when missing:
    /// creating needs <paramref name="model"/>, whose size the dense vectors take. A collection that is not NewsBot's
    /// is refused with what to do; one holding another model's vectors opens, and is refused where vectors are used.
    /// </summary>
    public static async Task<QdrantNewsIndex> OpenAsync(QdrantOptions options, EmbeddingModelInfo? model, double titleWeight = 2.5, ILogger? logger = null,
        HttpMessageHandler? handler = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var http = new QdrantHttp(options, logger, handler, time);
        try
        {
            var collection = new CollectionEndpoints(http, options.Collection);
            var encoder = new Bm25SparseEncoder(titleWeight);
            var where = $"Qdrant collection '{options.Collection}' at {http.BaseAddress}";
            var info = await collection.GetAsync(cancellationToken);
            if (info is null)
            {
                if (model is null)
                    throw new QdrantException($"{where} does not exist, and NewsBot needs the embedding model's size to create it. Configure Embeddings:Model (./newsbot setup builds use-lite), then ingest.");
                try
                {
                    await collection.CreateAsync(CollectionSchema.Create(model, options, encoder), cancellationToken);
                    logger?.LogInformation("Created {Where} for {Model}", where, model);
                }
                catch (QdrantException e) when (e.StatusCode == HttpStatusCode.Conflict) { /* another process created it first */ }
                info = await collection.GetAsync(cancellationToken) ?? throw new QdrantException($"{where} was created but cannot be read back.");
            }
            var stored = CollectionSchema.Check(info, where);
            foreach (var (field, schema) in CollectionSchema.Indexes)
                if (info.PayloadSchema?.ContainsKey(field) != true)
                    await collection.CreateIndexAsync(field, schema, cancellationToken);
            return new QdrantNewsIndex(http, collection, encoder, stored, options.BatchSize, time ?? TimeProvider.System);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    // ---- documents -------------------------------------------------------------------------------------------

    public async Task<string?> GetDocumentHashAsync(string path, CancellationToken cancellationToken = default) =>
        (await ReadDocumentAsync(path, cancellationToken))?.ContentHash;

    public Task ReplaceDocumentAsync(DocumentRecord document, IReadOnlyList<StoryRecord> stories, CancellationToken cancellationToken = default) =>
        ReplaceDocumentAsync(document, stories, null, cancellationToken);

    public async Task ReplaceDocumentAsync(DocumentRecord document, IReadOnlyList<StoryRecord> stories, EmbeddingModelInfo? model, CancellationToken cancellationToken = default)
    {
        var unique = StoryRecord.LongestPerStory(stories);
        if (model is null && unique.Any(s => s.Passages.Any(p => p.Vectors.Count > 0)))
            throw new ArgumentException("Passages carry vectors, but no embedding model was given for them.", nameof(model));
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            // First, so a mismatch is refused before anything is written.
            if (model is not null) await AcceptModelAsync(model, cancellationToken);
            var existing = await ReadDocumentAsync(document.Path, cancellationToken);
            var added = existing?.Added ?? _time.GetUtcNow().ToUnixTimeMilliseconds();
            var operations = await PlanAsync(document, added, unique, cancellationToken);
            await CommitAsync(operations, [DocumentPoint(document, added)], cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<bool> RemoveDocumentAsync(string path, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            if (await ReadDocumentAsync(path, cancellationToken) is not { } existing) return false;
            var document = new DocumentRecord { Path = path, ContentHash = existing.ContentHash ?? "", Title = existing.Title ?? "", Publication = existing.Publication ?? "", Kind = ReadKind(existing.Kind) };
            var operations = await PlanAsync(document, existing.Added ?? 0, [], cancellationToken);
            operations.Add(new UpdateOperation { Delete = new PointsSelector { Points = [PointIds.Document(path)] } });
            await CommitAsync(operations, [], cancellationToken);
            return true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Reads what the plan needs: which stories the document held, and the other versions of every story it touches.</summary>
    private async Task<List<UpdateOperation>> PlanAsync(DocumentRecord document, long added, IReadOnlyList<StoryRecord> stories, CancellationToken cancellationToken)
    {
        var documentId = PointIds.Document(document.Path);
        var previous = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var point in _collection.ScrollAllAsync(new ScrollRequest { Filter = SearchFilters.OfDocument(documentId), WithPayload = Keys(StoryId), WithVector = false },
                           QdrantJson.Default.EnvelopeScrollResultPassagePayload, cancellationToken))
            if (point.Payload?.StoryId is { } id) previous.Add(id);

        var affected = previous.Union(stories.Select(s => s.Id)).ToList();
        var others = new List<PointRecord<PassagePayload>>();
        foreach (var chunk in affected.Chunk(256))
        {
            var filter = new Filter { Must = [Condition.AnyOf(StoryId, chunk), Condition.Equals(PointType, PointTypes.Passage)], MustNot = [Condition.Equals(DocumentId, documentId)] };
            await foreach (var point in _collection.ScrollAllAsync(new ScrollRequest { Filter = filter, WithPayload = StoryFields, WithVector = false },
                               QdrantJson.Default.EnvelopeScrollResultPassagePayload, cancellationToken))
                others.Add(point);
        }
        return _changes.Plan(document, added, stories, previous, others);
    }

    /// <summary>
    /// Sends the operations in order, as few requests as the batch size allows (one for a typical document). The
    /// last request carries the document's content hash, so an interrupted write is redone by the next ingest.
    /// </summary>
    private async Task ApplyInRequestsAsync(List<UpdateOperation> operations, CancellationToken cancellationToken)
    {
        var request = new UpdateOperations();
        var weight = 0;
        foreach (var operation in operations)
        {
            var size = operation.Upsert?.Points.Count ?? operation.UpdateVectors?.Points.Count ?? 1;
            if (weight > 0 && weight + size > _batchSize)
            {
                await _collection.ApplyAsync(request, cancellationToken);
                (request, weight) = (new UpdateOperations(), 0);
            }
            request.Operations.Add(operation);
            weight += size;
        }
        await _collection.ApplyAsync(request, cancellationToken);
    }

    private async Task<DocumentPayload?> ReadDocumentAsync(string path, CancellationToken cancellationToken)
    {
        var found = await _collection.RetrieveAsync(new RetrieveRequest { Ids = [PointIds.Document(path)], WithPayload = true, WithVector = false },
            QdrantJson.Default.EnvelopeListPointRecordDocumentPayload, cancellationToken);
        return found.FirstOrDefault()?.Payload;
    }

    private static PointStruct DocumentPoint(DocumentRecord document, long added) => new()
    {
        Id = PointIds.Document(document.Path),
        Payload = System.Text.Json.JsonSerializer.SerializeToNode(new DocumentPayload
        {
            Type = PointTypes.Document,
            Path = document.Path,
            ContentHash = document.ContentHash,
            Title = document.Title,
            Publication = document.Publication,
            Kind = KindName(document.Kind),
            Date = Date(document.Date),
            Url = document.Url,
            IssueNumber = document.IssueNumber,
            Added = added,
        }, QdrantJson.Default.DocumentPayload)!.AsObject(),
    };

    /// <summary>
    /// A new generation: a time-based number that only grows, so writers in several processes never reuse one.
    /// This process sees it at once; others within <see cref="GenerationLifetime"/>.
    /// </summary>
    private static PointStruct StatePoint(long next) =>
        new()
        {
            Id = PointIds.State,
            Payload = System.Text.Json.JsonSerializer.SerializeToNode(new StatePayload { Type = PointTypes.State, Generation = next }, QdrantJson.Default.StatePayload)!.AsObject(),
        };

    /// <summary>Sends the operations, then the new generation with <paramref name="last"/>; this process sees the generation once the write is done.</summary>
    private async Task CommitAsync(List<UpdateOperation> operations, List<PointStruct> last, CancellationToken cancellationToken)
    {
        var next = Math.Max(_time.GetUtcNow().UtcTicks, (_generation?.Generation ?? 0) + 1);
        operations.Add(new UpdateOperation { Upsert = new PointsList { Points = [.. last, StatePoint(next)] } });
        await ApplyInRequestsAsync(operations, cancellationToken);
        _generation = new GenerationRead(next, _time.GetTimestamp());
    }

    /// <summary>The index's write generation: read from the state point at most once per <see cref="GenerationLifetime"/>.</summary>
    private async Task<long> GenerationAsync(CancellationToken cancellationToken)
    {
        if (_generation is { } known && _time.GetElapsedTime(known.ReadAt) < GenerationLifetime) return known.Generation;
        var read = _time.GetTimestamp();
        var found = await _collection.RetrieveAsync(new RetrieveRequest { Ids = [PointIds.State], WithPayload = true, WithVector = false },
            QdrantJson.Default.EnvelopeListPointRecordStatePayload, cancellationToken);
        var generation = found.FirstOrDefault()?.Payload?.Generation ?? 0;
        _generation = new GenerationRead(generation, read);
        return generation;
    }

    private sealed record GenerationRead(long Generation, long ReadAt);

    public Task OptimizeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;  // Qdrant's optimizer merges segments itself

    private static JsonNode Keys(params string[] keys) => new JsonArray(keys.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray());

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
