using NewsBot.Domain;
using NewsBot.Index.Embeddings;

namespace NewsBot.Index;

/// <summary>
/// The store behind NewsBot: documents, their stories (each stored once) and the stories' passages, searchable by
/// keywords (BM25) and filterable by date, publication and kind. The embedded SQLite store implements it; a
/// scale-out store (Qdrant) implements the same contract, so every host works unchanged on either.
/// </summary>
public interface INewsIndex : IPassageVectorStore, IAsyncDisposable
{
    /// <summary>The content hash recorded for the document at <paramref name="path"/>, or null when it is not indexed.</summary>
    Task<string?> GetDocumentHashAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes <paramref name="stories"/> the whole contribution of <paramref name="document"/>, in one atomic step:
    /// whatever the document contributed before is withdrawn, stories already known from another document gain this
    /// one as a source instead of being stored twice, and stories left without any source are deleted.
    /// If the process dies midway the index is as it was before the call.
    /// </summary>
    Task ReplaceDocumentAsync(DocumentRecord document, IReadOnlyList<StoryRecord> stories, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="ReplaceDocumentAsync(DocumentRecord, IReadOnlyList{StoryRecord}, CancellationToken)"/> with the
    /// passages' <see cref="PassageRecord.Vectors"/>, made by <paramref name="model"/>, written in the same transaction.
    /// Throws <see cref="EmbeddingModelMismatchException"/> (writing nothing) when the index holds another model's vectors.
    /// </summary>
    Task ReplaceDocumentAsync(DocumentRecord document, IReadOnlyList<StoryRecord> stories, EmbeddingModelInfo? model, CancellationToken cancellationToken = default);

    /// <summary>Withdraws a document as <see cref="ReplaceDocumentAsync"/> would with no stories; false if it was not indexed.</summary>
    Task<bool> RemoveDocumentAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Compacts the index after a bulk change (an ingest of many documents); changes no result.</summary>
    Task OptimizeAsync(CancellationToken cancellationToken = default);

    /// <summary>BM25 search over passages (story title weighted above body), best first.</summary>
    Task<IReadOnlyList<PassageHit>> SearchLexicalAsync(LexicalQuery query, CancellationToken cancellationToken = default);

    /// <summary>Stories newest first (unknown dates last), optionally restricted by <paramref name="filter"/>.</summary>
    Task<IReadOnlyList<Story>> GetLatestStoriesAsync(SearchFilter filter, int limit, CancellationToken cancellationToken = default);

    Task<Story?> GetStoryAsync(string storyId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Passage>> GetPassagesAsync(string storyId, CancellationToken cancellationToken = default);

    /// <summary>How many passages contain each analysed term, and how many passages there are: the inputs of IDF.</summary>
    Task<TermStatistics> GetTermStatisticsAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken = default);

    Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default);
}
