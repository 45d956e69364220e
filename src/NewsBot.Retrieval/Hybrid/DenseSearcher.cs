using Microsoft.Extensions.AI;
using NewsBot.Index;
using NewsBot.Index.Dense;
using NewsBot.Index.Embeddings;

namespace NewsBot.Retrieval.Hybrid;

/// <summary>
/// The meaning arm: embeds the question and searches the index's vectors. The embedded store's vectors are held in
/// memory as one matrix, loaded on first use and reloaded when the index has changed since (its write generation
/// moved on); a store that searches its own vectors (<see cref="IVectorSearchStore"/>, Qdrant) is asked instead.
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

    /// <summary>Loads the matrix now (a server does this at start, so the first question is not the slow one).</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken = default) => CurrentAsync(cancellationToken);

    /// <summary>
    /// The index's vectors as of now: the loaded matrix (a fresh one when the index has changed), or the store's own
    /// search. Take it once per question, so both uses of one question see the same vectors.
    /// </summary>
    public async Task<IMeaningSearch> CurrentAsync(CancellationToken cancellationToken)
    {
        var state = await index.GetEmbeddingVersionAsync(cancellationToken);
        if (state.Model is { } stored && stored != model)
            throw EmbeddingModelMismatchException.Between(stored, model, state.Location, state.ResizeAdvice);
        if (index is IVectorSearchStore store) return new StoreMeaningSearch(store);
        return new InMemoryMeaningSearch(await MatrixAsync(state.Generation, cancellationToken), precision);
    }

    private async Task<DenseIndex> MatrixAsync(long generation, CancellationToken cancellationToken)
    {
        if (_loaded is { } loaded && loaded.Generation == generation) return loaded;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_loaded is { } again && again.Generation == generation) return again;
            return _loaded = await index.LoadDenseIndexAsync(model, cancellationToken);
        }
        finally
        {
            _loading.Release();
        }
    }
}
