using NewsBot.Index.Dense;

namespace NewsBot.Index;

/// <summary>
/// A store that searches its vectors itself (Qdrant): NewsBot sends the question's vector and never loads the index's
/// vectors into memory. The embedded store does not implement it; its vectors are searched in memory
/// (<see cref="IPassageVectorStore.LoadDenseIndexAsync"/>).
/// </summary>
public interface IVectorSearchStore
{
    /// <summary>The stories nearest in meaning to <paramref name="query"/>: each story's best passage (by its best embedded text), best first.</summary>
    Task<IReadOnlyList<DenseHit>> SearchByMeaningAsync(ReadOnlyMemory<float> query, int limit, SearchFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The best similarity of each of <paramref name="storyIds"/> to <paramref name="query"/>; stories without vectors are left out.</summary>
    Task<IReadOnlyDictionary<string, DenseHit>> MeaningOfStoriesAsync(ReadOnlyMemory<float> query, IReadOnlyCollection<string> storyIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// The store's own hybrid search: keywords and meaning searched, and their rankings fused, by the store in one
    /// request; the best passage per story, best first.
    /// </summary>
    Task<IReadOnlyList<PassageHit>> SearchHybridAsync(HybridQuery query, CancellationToken cancellationToken = default);
}

/// <summary>
/// A hybrid query: analysed <see cref="Terms"/> for the keyword arm, the question's <see cref="Vector"/> for the
/// meaning arm, how many candidates each arm hands to the fusion, and how many stories to return.
/// </summary>
public sealed record HybridQuery(IReadOnlyList<string> Terms, ReadOnlyMemory<float> Vector, SearchFilter Filter, int Limit)
{
    public int KeywordCandidates { get; init; } = 200;
    public int MeaningCandidates { get; init; } = 30;
}
