using NewsBot.Index;
using NewsBot.Index.Dense;

namespace NewsBot.Retrieval.Hybrid;

/// <summary>
/// The index's vectors as one question sees them: searched in NewsBot's memory (the embedded store's matrix), or by
/// the store itself (Qdrant). Take one per question, so both uses of it see the same vectors.
/// </summary>
public interface IMeaningSearch
{
    /// <summary>The stories nearest in meaning, one hit (its best passage) per story, best first.</summary>
    Task<IReadOnlyList<DenseHit>> SearchAsync(float[] query, int limit, SearchFilter filter, CancellationToken cancellationToken);

    /// <summary>Each listed story's best similarity to <paramref name="query"/>.</summary>
    Task<IReadOnlyDictionary<string, DenseHit>> BestPerStoryAsync(float[] query, IReadOnlyCollection<string> storyIds, CancellationToken cancellationToken);
}

/// <summary>Vectors loaded into one matrix (<see cref="DenseIndex"/>), scanned in process.</summary>
public sealed class InMemoryMeaningSearch(DenseIndex vectors, DensePrecision precision) : IMeaningSearch
{
    public DenseIndex Vectors => vectors;

    public Task<IReadOnlyList<DenseHit>> SearchAsync(float[] query, int limit, SearchFilter filter, CancellationToken cancellationToken) =>
        Task.FromResult(vectors.Search(query, limit, new DenseSearchOptions { Filter = filter, GroupByStory = true, Precision = precision }));

    public Task<IReadOnlyDictionary<string, DenseHit>> BestPerStoryAsync(float[] query, IReadOnlyCollection<string> storyIds, CancellationToken cancellationToken) =>
        Task.FromResult(vectors.BestPerStory(query, storyIds));
}

/// <summary>Vectors the store searches itself: each search is a request to it.</summary>
public sealed class StoreMeaningSearch(IVectorSearchStore store) : IMeaningSearch
{
    public Task<IReadOnlyList<DenseHit>> SearchAsync(float[] query, int limit, SearchFilter filter, CancellationToken cancellationToken) =>
        store.SearchByMeaningAsync(query, limit, filter, cancellationToken);

    public Task<IReadOnlyDictionary<string, DenseHit>> BestPerStoryAsync(float[] query, IReadOnlyCollection<string> storyIds, CancellationToken cancellationToken) =>
        store.MeaningOfStoriesAsync(query, storyIds, cancellationToken);
}
