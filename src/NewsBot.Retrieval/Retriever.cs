using NewsBot.Index;

namespace NewsBot.Retrieval;

/// <summary>
/// Finds the passages that best answer a query: keyword candidates from the index, grouped per story (the story's best
/// passage stands for it, so one long story cannot fill the list), with the question's kind hint applied.
/// </summary>
public sealed class Retriever(INewsIndex index, RetrievalOptions options)
{
    public async Task<RetrievalResult> RetrieveAsync(SearchQuery query, int limit, CancellationToken cancellationToken = default)
    {
        if (query.Terms.Count == 0) return new RetrievalResult(query, [], new TermStatistics(0, new Dictionary<string, long>()));
        var candidates = await index.SearchLexicalAsync(new LexicalQuery(query.Terms, query.Filter, Math.Max(options.CandidatePassages, limit)), cancellationToken);
        var statistics = await index.GetTermStatisticsAsync(query.Terms, cancellationToken);
        var hits = candidates
            .Select(h => h with { Score = h.Score * Boost(query, h) })
            .GroupBy(h => h.Passage.StoryId)
            .Select(g => g.MaxBy(h => h.Score)!)
            .OrderByDescending(h => h.Score)
            .Take(limit)
            .ToList();
        return new RetrievalResult(query, hits, statistics);
    }

    private double Boost(SearchQuery query, PassageHit hit) =>
        (query.KindHint is { } kind && hit.Story.Kind == kind ? options.KindHintBoost : 1.0)
        * (hit.Passage.Ordinal == 0 ? options.LeadPassageBoost : 1.0);
}

/// <summary>The best passage of each matching story, best first, with the statistics of the query's terms.</summary>
public sealed record RetrievalResult(SearchQuery Query, IReadOnlyList<PassageHit> Hits, TermStatistics TermStatistics);
