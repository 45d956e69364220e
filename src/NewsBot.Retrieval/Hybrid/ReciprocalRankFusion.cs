namespace NewsBot.Retrieval.Hybrid;

/// <summary>
/// Reciprocal rank fusion exactly as Qdrant computes it (<c>lib/segment/src/common/reciprocal_rank_fusion.rs</c>): an
/// item at 0-based position p of a ranking scores <c>1 / (p + k)</c> with k = 2, summed over the rankings. Used for
/// <see cref="FusionRule.Rrf"/> on the embedded store, so the rule means the same on either store.
/// </summary>
public static class ReciprocalRankFusion
{
    public const int K = 2;

    /// <summary>Every item of the rankings with its fused score, best first; ties keep the order items were first seen in.</summary>
    public static List<(string Id, double Score)> Fuse(params IReadOnlyList<string>[] rankings)
    {
        var scores = new Dictionary<string, (double Score, int Seen)>(StringComparer.Ordinal);
        foreach (var ranking in rankings)
            for (var position = 0; position < ranking.Count; position++)
            {
                var (score, seen) = scores.GetValueOrDefault(ranking[position], (0, scores.Count));
                scores[ranking[position]] = (score + 1.0 / (position + K), seen);
            }
        return scores.OrderByDescending(s => s.Value.Score).ThenBy(s => s.Value.Seen).Select(s => (s.Key, s.Value.Score)).ToList();
    }
}
