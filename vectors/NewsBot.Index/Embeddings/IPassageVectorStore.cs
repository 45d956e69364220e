using NewsBot.Index.Dense;

namespace NewsBot.Index.Embeddings;

/// <summary>
/// The vector side of an index: a cache of embeddings by (model id, text hash) that outlives the documents using
/// them, which texts of each passage are embedded, and the dense index loaded from them. An index holds the vectors
/// of one model; <see cref="EmbeddingModelMismatchException"/> guards against mixing.
/// </summary>
public interface IPassageVectorStore
{
    Task<EmbeddingState> GetEmbeddingStateAsync(CancellationToken cancellationToken = default);

    /// <summary>The cached vectors of those <paramref name="textHashes"/> the cache holds for <paramref name="modelId"/>.</summary>
    Task<IReadOnlyDictionary<string, ReadOnlyMemory<float>>> GetCachedEmbeddingsAsync(string modelId, IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> stored passages (any version, canonical or not) that have no vectors yet.</summary>
    Task<IReadOnlyList<StoredPassage>> GetPassagesWithoutVectorsAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives stored passages their vectors, in one transaction: caches the vectors and records the index's model when
    /// it has none yet. Passages gone meanwhile are ignored.
    /// </summary>
    Task WritePassageVectorsAsync(EmbeddingModelInfo model, IReadOnlyList<StoredPassageVectors> passages, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a re-embed with <paramref name="model"/>: in one transaction, drops every passage's vectors and makes
    /// <paramref name="model"/> the index's model. The cache keeps the old model's vectors (until pruned). Passages then
    /// get vectors from <see cref="WritePassageVectorsAsync"/>, batch by batch, so an interrupted re-embed resumes.
    /// </summary>
    Task ResetEmbeddingsAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default);

    /// <summary>Deletes cached vectors no passage uses with the index's current model; returns how many. Never needed for correctness.</summary>
    Task<long> PruneEmbeddingCacheAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the vectors of every canonical passage into memory, for exact dense search. Reload when
    /// <see cref="EmbeddingState.Generation"/> moves past <see cref="DenseIndex.Generation"/>.
    /// </summary>
    Task<DenseIndex> LoadDenseIndexAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default);

    /// <summary>
    /// The model and write generation alone: cheap enough to check on every query (unlike
    /// <see cref="GetEmbeddingStateAsync"/>, which also counts passages without vectors).
    /// </summary>
    Task<EmbeddingVersion> GetEmbeddingVersionAsync(CancellationToken cancellationToken = default);
}
