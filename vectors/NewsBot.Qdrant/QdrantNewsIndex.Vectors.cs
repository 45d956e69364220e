using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NewsBot.Index;
using NewsBot.Index.Dense;
using NewsBot.Index.Embeddings;
using NewsBot.Qdrant.Api;
using NewsBot.Qdrant.Collections;
using NewsBot.Qdrant.Points;
using NewsBot.Qdrant.Reading;
using NewsBot.Qdrant.Sparse;
using static NewsBot.Qdrant.Reading.PayloadFields;

namespace NewsBot.Qdrant;

// Vectors: the collection's model, the embedding cache (the vectors on the points themselves), filling in passages
// without vectors, and the searches Qdrant runs on its vectors.
public sealed partial class QdrantNewsIndex
{
    // StoredPassage keys are numbers; Qdrant's ids are UUIDs. The keys handed out are remembered for this process,
    // which is all the contract asks: the vectors of a listed passage are written back by the same index instance.
    private readonly ConcurrentDictionary<long, string> _storedPassages = new();
    private long _nextStoredPassage;

    public async Task<EmbeddingVersion> GetEmbeddingVersionAsync(CancellationToken cancellationToken = default) =>
        new(_model, await GenerationAsync(cancellationToken), Location) { ResizeAdvice = ResizeAdvice };

    public async Task<EmbeddingState> GetEmbeddingStateAsync(CancellationToken cancellationToken = default)
    {
        var without = await _collection.CountAsync(WithoutVectors(), cancellationToken);
        return new EmbeddingState(_model, without, await GenerationAsync(cancellationToken), Location) { ResizeAdvice = ResizeAdvice };
    }

    /// <summary>The vectors already on points, by the SHA-256 of their texts: the points are the cache.</summary>
    public async Task<IReadOnlyDictionary<string, ReadOnlyMemory<float>>> GetCachedEmbeddingsAsync(string modelId, IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        if (textHashes.Count == 0 || modelId != _model.Id) return found;
        var wanted = textHashes.ToHashSet(StringComparer.Ordinal);
        foreach (var chunk in wanted.Chunk(256))
        {
            var request = new ScrollRequest
            {
                Filter = new Filter { Must = [Condition.AnyOf(TextHashes, chunk)] },
                Limit = 256,
                WithPayload = Keys(TextHashes),
                WithVector = Keys(DenseVectorName),
            };
            await foreach (var point in _collection.ScrollAllAsync(request, QdrantJson.Default.EnvelopeScrollResultPassagePayload, cancellationToken))
            {
                if (point.Payload?.TextHashes is not { } hashes || point.Vector?.GetValueOrDefault(DenseVectorName)?.Rows is not { } rows) continue;
                for (var i = 0; i < Math.Min(hashes.Count, rows.Count); i++)
                    if (wanted.Contains(hashes[i])) found.TryAdd(hashes[i], rows[i]);
            }
        }
        return found;
    }

    public async Task<IReadOnlyList<StoredPassage>> GetPassagesWithoutVectorsAsync(int limit, CancellationToken cancellationToken = default)
    {
        if (limit <= 0) return [];
        var page = await _collection.ScrollAsync(new ScrollRequest
        {
            Filter = WithoutVectors(),
            Limit = limit,
            WithPayload = Keys(StoryId, Ordinal, "title", "text"),
            WithVector = false,
        }, QdrantJson.Default.EnvelopeScrollResultPassagePayload, cancellationToken);
        return page.Points.Where(p => p.Payload is not null).Select(p =>
        {
            var key = Interlocked.Increment(ref _nextStoredPassage);
            _storedPassages[key] = p.Id;
            return new StoredPassage(key, p.Payload!.Ordinal ?? 0, p.Payload.Title ?? "", p.Payload.Text ?? "");
        }).ToList();
    }

    public async Task WritePassageVectorsAsync(EmbeddingModelInfo model, IReadOnlyList<StoredPassageVectors> passages, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await AcceptModelAsync(model, cancellationToken);
            var ids = passages.Where(p => p.Vectors.Count > 0 && _storedPassages.ContainsKey(p.PassageKey))
                .ToDictionary(p => _storedPassages[p.PassageKey], p => p.Vectors.OrderBy(v => v.Item).ToList());
            if (ids.Count == 0) return;
            // Passages deleted meanwhile are left out: updating a missing point is an error in Qdrant.
            var existing = (await _collection.RetrieveAsync(new RetrieveRequest { Ids = ids.Keys.ToList(), WithPayload = false, WithVector = false },
                QdrantJson.Default.EnvelopeListPointRecordStatePayload, cancellationToken)).Select(p => p.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var operations = new List<UpdateOperation>();
            foreach (var (id, rows) in ids.Where(p => existing.Contains(p.Key)))
            {
                operations.Add(new UpdateOperation
                {
                    UpdateVectors = new UpdateVectors { Points = [new PointVectors { Id = id, Vector = { [DenseVectorName] = VectorValue.Multi(rows.Select(r => r.Vector).ToList()) } }] },
                });
                operations.Add(new UpdateOperation
                {
                    SetPayload = new SetPayload
                    {
                        Points = [id],
                        Payload = new JsonObject
                        {
                            [Embedded] = new JsonArray(rows.Select(r => (JsonNode?)new JsonObject { ["item"] = r.Item, ["kind"] = (int)r.Kind, ["hash"] = r.TextHash }).ToArray()),
                            [TextHashes] = Strings(rows.Select(r => r.TextHash)),
                        },
                    },
                });
            }
            foreach (var key in passages.Select(p => p.PassageKey)) _storedPassages.TryRemove(key, out _);
            await CommitAsync(operations, [], cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Drops every passage's dense vectors and makes <paramref name="model"/> the collection's. A collection's vector
    /// size is fixed when it is created, so a model of another size needs another collection.
    /// </summary>
    public async Task ResetEmbeddingsAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            if (model.Dimensions != _model.Dimensions) throw Mismatch(model);
            var passages = new Filter { Must = [Condition.Equals(PointType, PointTypes.Passage)] };
            await CommitAsync(
            [
                new UpdateOperation { DeleteVectors = new DeleteVectors { Filter = passages, Vector = [DenseVectorName] } },
                new UpdateOperation { DeletePayload = new DeletePayload { Filter = passages, Keys = [Embedded, TextHashes] } },
            ], [], cancellationToken);
            await _collection.UpdateMetadataAsync(CollectionSchema.Metadata(model, _encoder), cancellationToken);
            _model = model;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Nothing to prune: Qdrant keeps no vectors apart from their points.</summary>
    public Task<long> PruneEmbeddingCacheAsync(CancellationToken cancellationToken = default) => Task.FromResult(0L);

    public Task<DenseIndex> LoadDenseIndexAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The Qdrant store searches its vectors itself (IVectorSearchStore); they are never loaded into NewsBot's memory.");

    /// <summary>
    /// Takes <paramref name="model"/> for the collection's vectors: the same model, or one of the same size while
    /// no passage has vectors yet (the collection was made for another model and never embedded).
    /// </summary>
    private async Task AcceptModelAsync(EmbeddingModelInfo model, CancellationToken cancellationToken)
    {
        if (model == _model) return;
        if (model.Dimensions != _model.Dimensions) throw Mismatch(model);
        if (await _collection.CountAsync(new Filter { Must = [Condition.Vector(DenseVectorName)] }, cancellationToken) > 0)
            throw new EmbeddingModelMismatchException(_model, model, Location);
        await _collection.UpdateMetadataAsync(CollectionSchema.Metadata(model, _encoder), cancellationToken);
        _model = model;
    }

    private EmbeddingModelMismatchException Mismatch(EmbeddingModelInfo model) => new(_model, model, Location, ResizeAdvice);

    private string ResizeAdvice =>
        $"A Qdrant collection's vector size is fixed: point VectorStore:Qdrant:Collection at a new name and ingest (or ./newsbot migrate) into it, " +
        $"or delete {Location} (curl -X DELETE <url>/collections/<name>) and ingest again.";

    private static Filter WithoutVectors() => new()
    {
        Must = [Condition.Equals(PointType, PointTypes.Passage)],
        MustNot = [Condition.Vector(DenseVectorName)],
    };

    // ---- searches Qdrant runs on its vectors --------------------------------------------------------------------

    public async Task<IReadOnlyList<DenseHit>> SearchByMeaningAsync(ReadOnlyMemory<float> query, int limit, SearchFilter filter, CancellationToken cancellationToken = default)
    {
        if (limit <= 0) return [];
        var groups = await _collection.QueryGroupsAsync(new QueryRequest
        {
            Query = QueryInput.Nearest(VectorValue.Multi([query])),
            Using = DenseVectorName,
            Filter = SearchFilters.Canonical(filter),
            GroupBy = StoryId,
            GroupSize = 1,
            Limit = limit,
            WithPayload = Keys(StoryId, Ordinal),
        }, QdrantJson.Default.EnvelopeGroupsResultPassagePayload, cancellationToken);
        return groups.Select(g => g.Hits.FirstOrDefault()).OfType<ScoredPoint<PassagePayload>>().Where(h => h.Payload?.StoryId is not null).Select(DenseHitOf).ToList();
    }

    public async Task<IReadOnlyDictionary<string, DenseHit>> MeaningOfStoriesAsync(ReadOnlyMemory<float> query, IReadOnlyCollection<string> storyIds, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, DenseHit>(StringComparer.Ordinal);
        foreach (var chunk in storyIds.Distinct(StringComparer.Ordinal).Chunk(256))
        {
            var groups = await _collection.QueryGroupsAsync(new QueryRequest
            {
                Query = QueryInput.Nearest(VectorValue.Multi([query])),
                Using = DenseVectorName,
                Filter = SearchFilters.Canonical(SearchFilter.None, Condition.AnyOf(StoryId, chunk)),
                GroupBy = StoryId,
                GroupSize = 1,
                Limit = chunk.Length,
                WithPayload = Keys(StoryId, Ordinal),
            }, QdrantJson.Default.EnvelopeGroupsResultPassagePayload, cancellationToken);
            foreach (var hit in groups.Select(g => g.Hits.FirstOrDefault()).OfType<ScoredPoint<PassagePayload>>().Where(h => h.Payload?.StoryId is not null))
                found[hit.Payload!.StoryId!] = DenseHitOf(hit);
        }
        return found;
    }

    /// <summary>
    /// One Query API request: a sparse (BM25) and a dense prefetch under the same filter, fused by Qdrant's
    /// reciprocal rank fusion, grouped to the best passage per story.
    /// </summary>
    public async Task<IReadOnlyList<PassageHit>> SearchHybridAsync(HybridQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Limit <= 0) return [];
        var filter = SearchFilters.Canonical(query.Filter);
        var prefetch = new List<Prefetch>();
        var terms = query.Terms.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        if (terms.Count > 0)
            prefetch.Add(new Prefetch { Query = QueryInput.Nearest(VectorValue.Of(Bm25SparseEncoder.EncodeQuery(terms))), Using = SparseVectorName, Filter = filter, Limit = query.KeywordCandidates });
        if (!query.Vector.IsEmpty)
            prefetch.Add(new Prefetch { Query = QueryInput.Nearest(VectorValue.Multi([query.Vector])), Using = DenseVectorName, Filter = filter, Limit = query.MeaningCandidates });
        if (prefetch.Count == 0) return [];
        var groups = await _collection.QueryGroupsAsync(new QueryRequest
        {
            Prefetch = prefetch,
            Query = QueryInput.Rrf,
            Filter = filter,
            GroupBy = StoryId,
            GroupSize = 1,
            Limit = query.Limit,
            WithPayload = true,
        }, QdrantJson.Default.EnvelopeGroupsResultPassagePayload, cancellationToken);
        return groups.Select(g => g.Hits.FirstOrDefault()).OfType<ScoredPoint<PassagePayload>>().Where(h => h.Payload is not null).Select(h => Hit(h.Payload!, h.Score)).ToList();
    }

    // Qdrant does not say which row of the multivector matched best; Sentence stands for "one of its texts".
    private static DenseHit DenseHitOf(ScoredPoint<PassagePayload> hit) => new(
        Domain.Passage.MakeId(hit.Payload!.StoryId!, hit.Payload.Ordinal ?? 0), hit.Payload.StoryId!, hit.Payload.Ordinal ?? 0, EmbeddedTextKind.Sentence, (float)hit.Score);
}
