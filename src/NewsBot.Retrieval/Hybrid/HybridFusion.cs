using NewsBot.Index;
using NewsBot.Index.Dense;

namespace NewsBot.Retrieval.Hybrid;

/// <summary>
/// Fuses keyword and meaning evidence into one score per story:
/// <c>coverage + w·bm25/bm25max + (α + β·(1 − best coverage))·similarity</c>.
/// </summary>
/// <remarks>
/// Measured on the dev questions (README, "Hybrid retrieval"): plain reciprocal-rank fusion and a fixed weighted sum
/// both cost exact-name questions their first place, because USE-Lite's similarity is noisy where BM25 is sure.
/// Coverage fixes the scale (it means the same on every question), and the weight of meaning grows as the best
/// keyword match covers less of the question: a question worded like the story leans on keywords, a paraphrase
/// leans on meaning.
/// </remarks>
public sealed class HybridFusion(RetrievalOptions options, TermCoverage coverage)
{
    public delegate Task<PassageHit?> PassageLoader(string storyId, int ordinal, CancellationToken cancellationToken);

    public async Task<IReadOnlyList<PassageHit>> FuseAsync(
        IReadOnlyList<PassageHit> byKeywords,
        IReadOnlyList<DenseHit> byMeaning,
        IReadOnlyDictionary<string, DenseHit> meaningOfKeywordHits,
        PassageLoader load,
        int limit,
        CancellationToken cancellationToken)
    {
        var candidates = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        var topKeywordScore = byKeywords.Count > 0 ? byKeywords[0].Score : 1;
        foreach (var hit in byKeywords)
        {
            var similarity = meaningOfKeywordHits.TryGetValue(hit.Passage.StoryId, out var meaning) ? meaning.Score : 0;
            candidates[hit.Passage.StoryId] = new Candidate(hit, hit.Score / topKeywordScore, coverage.Of(hit.Story.Title, hit.Passage.Text), similarity);
        }
        var bestCoverage = byKeywords.Take(options.CoverageProbe)
            .Select(h => candidates[h.Passage.StoryId].Coverage).DefaultIfEmpty(0).Max();
        var meaningWeight = options.DenseWeight + options.DenseWeightWhenKeywordsMiss * (1 - bestCoverage);
        double Score(Candidate c) => c.Coverage + options.KeywordScoreWeight * c.KeywordScore + meaningWeight * c.Similarity;

        // A story only the meaning arm found scores at most full coverage plus its similarity; loading its text (to
        // measure coverage) is only worth it when that could still beat the list's last place.
        var bar = candidates.Values.Select(Score).OrderByDescending(x => x).Skip(limit - 1).DefaultIfEmpty(double.NegativeInfinity).First();
        foreach (var meaning in byMeaning)
        {
            if (candidates.ContainsKey(meaning.StoryId) || 1 + meaningWeight * meaning.Score <= bar) continue;
            if (await load(meaning.StoryId, meaning.PassageOrdinal, cancellationToken) is not { } hit) continue;
            candidates[meaning.StoryId] = new Candidate(hit, 0, coverage.Of(hit.Story.Title, hit.Passage.Text), meaning.Score);
        }

        return candidates.Values
            .Select(c => c.Hit with { Score = Score(c) })
            .OrderByDescending(h => h.Score)
            .ToList();
    }

    private sealed record Candidate(PassageHit Hit, double KeywordScore, double Coverage, double Similarity);
}
