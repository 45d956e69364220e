using Microsoft.Extensions.AI;
using NewsBot.Index;
using NewsBot.Index.Dense;
using NewsBot.Index.Embeddings;

namespace NewsBot.Retrieval.Hybrid;

/// <summary>
/// The meaning arm: embeds the question and searches the index's vectors, held in memory as one matrix. The matrix
/// is loaded on first use and reloaded when the index has changed since (its write generation moved on).
/// </summary>
public sealed class DenseSearcher(
    INewsIndex index,
    IEmbeddingGenerator<string, Embedding<float>> generator,
    EmbeddingModelInfo model,
    EmbeddingGenerationOptions? queryOptions = null,
    DensePrecision precision = DensePrecision.Exact)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private DenseIndex? _loaded;

    public EmbeddingModelInfo Model => model;

    public async Task<float[]> EmbedQueryAsync(string question, CancellationToken cancellationToken)
    {
        var embeddings = await generator.GenerateAsync([question], queryOptions, cancellationToken);
        return embeddings[0].Vector.ToArray();
    }

    /// <summary>The best stories by meaning, one hit per story.</summary>
    public async Task<IReadOnlyList<DenseHit>> SearchAsync(float[] query, int limit, SearchFilter filter, CancellationToken cancellationToken)
    {
        var dense = await CurrentAsync(cancellationToken);
        return dense.Search(query, limit, new DenseSearchOptions { Filter = filter, GroupByStory = true, Precision = precision });
    }

    /// <summary>Each story's best row score, for stories the keyword arm found.</summary>
    public async Task<IReadOnlyDictionary<string, DenseHit>> ScoreStoriesAsync(float[] query, IEnumerable<string> storyIds, CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).BestPerStory(query, storyIds);

    /// <summary>Loads the matrix now (a server does this at start, so the first question is not the slow one).</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken = default) => CurrentAsync(cancellationToken);

    private async Task<DenseIndex> CurrentAsync(CancellationToken cancellationToken)
    {
        var state = await index.GetEmbeddingVersionAsync(cancellationToken);
        if (state.Model is { } stored && stored != model)
            throw new EmbeddingModelMismatchException(stored, model, state.Location);
        if (_loaded is { } loaded && loaded.Generation == state.Generation) return loaded;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_loaded is { } again && again.Generation == state.Generation) return again;
            return _loaded = await index.LoadDenseIndexAsync(model, cancellationToken);
        }
        finally
        {
            _loading.Release();
        }
    }
}
