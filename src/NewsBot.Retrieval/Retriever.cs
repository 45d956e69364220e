using NewsBot.Domain;
using NewsBot.Index;
using NewsBot.Index.Dense;
using NewsBot.Retrieval.Hybrid;

namespace NewsBot.Retrieval;

/// <summary>
/// Finds the passages that best answer a query, one per story (the story's best passage stands for it, so one long
/// story cannot fill the list). Keyword candidates come from BM25; with a <see cref="DenseSearcher"/>, stories close
/// in meaning join them and every candidate is re-scored by <see cref="HybridFusion"/>.
/// </summary>
public sealed class Retriever(INewsIndex index, RetrievalOptions options, DenseSearcher? dense = null)
{
    public bool HasDenseArm => dense is not null;

    public async Task<RetrievalResult> RetrieveAsync(SearchQuery query, int limit, CancellationToken cancellationToken = default) =>
        await RetrieveAsync(query, limit, dense is null ? RetrievalMode.Lexical : options.Mode, cancellationToken);

    public async Task<RetrievalResult> RetrieveAsync(SearchQuery query, int limit, RetrievalMode mode, CancellationToken cancellationToken = default)
    {
        if (mode != RetrievalMode.Lexical && dense is null)
            throw new InvalidOperationException($"{mode} retrieval needs an embedding model; set Embeddings:Model (for example \"use-lite\").");
        var statistics = await index.GetTermStatisticsAsync(query.Terms, cancellationToken);
        if (mode == RetrievalMode.Lexical)
        {
            if (query.Terms.Count == 0) return new RetrievalResult(query, [], statistics);
            var lexical = await LexicalAsync(query, Math.Max(options.CandidatePassages, limit), cancellationToken);
            return new RetrievalResult(query, lexical.Take(limit).ToList(), statistics);
        }

        // The question's embedding (CPU, the model) and the keyword search (the index) do not wait for each other.
        var embedding = Task.Run(() => dense!.EmbedQueryAsync(query.Question, cancellationToken), cancellationToken);
        if (mode == RetrievalMode.Hybrid && options.Fusion == FusionRule.Rrf && index is IVectorSearchStore store)
            return new RetrievalResult(query, await store.SearchHybridAsync(new HybridQuery(query.Terms, await embedding, query.Filter, limit)
            {
                KeywordCandidates = options.HybridLexicalCandidates,
                MeaningCandidates = options.DenseCandidates,
            }, cancellationToken), statistics);

        var keywords = mode == RetrievalMode.Hybrid && query.Terms.Count > 0
            ? LexicalAsync(query, Math.Max(options.HybridLexicalCandidates, limit), cancellationToken, fillWithCommonTerms: false)
            : Task.FromResult(new List<PassageHit>());
        var meaning = await dense!.CurrentAsync(cancellationToken);
        var vector = await embedding;
        var byMeaning = await meaning.SearchAsync(vector, Math.Max(options.DenseCandidates, limit), query.Filter, cancellationToken);
        var byKeywords = await keywords;
        if (mode == RetrievalMode.Dense)
            return new RetrievalResult(query, await HitsAsync(byMeaning.Take(limit).Select(h => (h.StoryId, h.PassageOrdinal, (double)h.Score)), cancellationToken), statistics);

        if (byMeaning.Count == 0) return new RetrievalResult(query, byKeywords.Take(limit).ToList(), statistics); // no vectors yet
        if (options.Fusion == FusionRule.Rrf)
            return new RetrievalResult(query, await RankFusionAsync(byKeywords, byMeaning, limit, cancellationToken), statistics);
        var meaningScores = await meaning.BestPerStoryAsync(vector, byKeywords.Select(h => h.Passage.StoryId).ToList(), cancellationToken);
        var fusion = new HybridFusion(options, new TermCoverage(query.Terms, statistics, query.TermAlternatives));
        var fused = await fusion.FuseAsync(byKeywords, byMeaning, meaningScores, LoadAsync, limit, cancellationToken);
        return new RetrievalResult(query, fused.Take(limit).ToList(), statistics);

        async Task<PassageHit?> LoadAsync(string storyId, int ordinal, CancellationToken ct) =>
            (await HitsAsync([(storyId, ordinal, 0.0)], ct)).FirstOrDefault();
    }

    /// <summary>The two rankings of stories fused by <see cref="ReciprocalRankFusion"/>, as a Qdrant store would fuse them.</summary>
    private async Task<List<PassageHit>> RankFusionAsync(List<PassageHit> byKeywords, IReadOnlyList<DenseHit> byMeaning, int limit, CancellationToken cancellationToken)
    {
        var known = byKeywords.ToDictionary(h => h.Passage.StoryId, StringComparer.Ordinal);
        var ordinals = byMeaning.ToDictionary(h => h.StoryId, h => h.PassageOrdinal, StringComparer.Ordinal);
        var hits = new List<PassageHit>();
        foreach (var (storyId, score) in ReciprocalRankFusion.Fuse(byKeywords.Select(h => h.Passage.StoryId).ToList(), byMeaning.Select(h => h.StoryId).ToList()))
        {
            if (hits.Count == limit) break;
            var hit = known.GetValueOrDefault(storyId) ?? (await HitsAsync([(storyId, ordinals[storyId], 0.0)], cancellationToken)).FirstOrDefault();
            if (hit is not null) hits.Add(hit with { Score = score });
        }
        return hits;
    }

    private async Task<List<PassageHit>> LexicalAsync(SearchQuery query, int passages, CancellationToken cancellationToken, bool fillWithCommonTerms = true)
    {
        var candidates = await index.SearchLexicalAsync(
            new LexicalQuery(query.Terms, query.Filter, passages) { FillWithCommonTerms = fillWithCommonTerms }, cancellationToken);
        return candidates
            .Select(h => h with { Score = h.Score * Boost(query, h) })
            .GroupBy(h => h.Passage.StoryId)
            .Select(g => g.MaxBy(h => h.Score)!)
            .OrderByDescending(h => h.Score)
            .ToList();
    }

    private async Task<List<PassageHit>> HitsAsync(IEnumerable<(string StoryId, int Ordinal, double Score)> found, CancellationToken cancellationToken)
    {
        var hits = new List<PassageHit>();
        foreach (var (storyId, ordinal, score) in found)
        {
            if (await index.GetStoryAsync(storyId, cancellationToken) is not { } story) continue;
            var passages = await index.GetPassagesAsync(storyId, cancellationToken);
            if ((passages.FirstOrDefault(p => p.Ordinal == ordinal) ?? passages.FirstOrDefault()) is not { } passage) continue;
            hits.Add(new PassageHit(passage, story, score));
        }
        return hits;
    }

    private double Boost(SearchQuery query, PassageHit hit) =>
        (query.KindHint is { } kind && hit.Story.Kind == kind ? options.KindHintBoost : 1.0)
        * (hit.Passage.Ordinal == 0 ? options.LeadPassageBoost : 1.0);
}

/// <summary>The best passage of each matching story, best first, with the statistics of the query's terms.</summary>
public sealed record RetrievalResult(SearchQuery Query, IReadOnlyList<PassageHit> Hits, TermStatistics TermStatistics)
{
    /// <summary>
    /// Several searches for one question (the reader's words first) as one: their story rankings fused by
    /// <see cref="ReciprocalRankFusion"/>, each story standing by the passage the first search that found it chose.
    /// </summary>
    public static RetrievalResult Fuse(IReadOnlyList<RetrievalResult> results, int limit)
    {
        if (results.Count == 1) return results[0];
        var hits = new Dictionary<string, PassageHit>(StringComparer.Ordinal);
        foreach (var hit in results.SelectMany(r => r.Hits)) hits.TryAdd(hit.Story.Id, hit);
        var fused = ReciprocalRankFusion.Fuse(results.Select(r => (IReadOnlyList<string>)r.Hits.Select(h => h.Story.Id).ToList()).ToArray());
        return results[0] with { Hits = fused.Take(limit).Select(f => hits[f.Id] with { Score = f.Score }).ToList() };
    }
}
