namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>How a fusion query combines its prefetches' result lists.</summary>
internal abstract class FakeFusion
{
    /// <summary>One fused list, best first, with its order's ties broken by id (see <see cref="FakeHitOrder"/>).</summary>
    public abstract List<FakeHit> Fuse(IReadOnlyList<List<FakeHit>> sources, IReadOnlyList<FakeOrder> sourceOrders);
}

/// <summary>
/// Reciprocal rank fusion as lib/segment/src/common/reciprocal_rank_fusion.rs computes it: a point at 0-based
/// <c>position</c> in a list of weight <c>w</c> earns <c>1 / ((position + 1) / w + k - 1)</c> (so <c>1 / (position + k)</c>
/// with the default weight 1; nothing for a weight ≤ 0), summed in single precision in list order; k defaults to 2. The
/// scores of the lists are ignored, only ranks count. Qdrant sorts without breaking ties; the fake breaks them by id.
/// </summary>
internal sealed class FakeRrf(int k, IReadOnlyList<float>? weights) : FakeFusion
{
    public const int DefaultK = 2;

    public override List<FakeHit> Fuse(IReadOnlyList<List<FakeHit>> sources, IReadOnlyList<FakeOrder> sourceOrders)
    {
        if (weights is not null && weights.Count != sources.Count)
        {
            throw FakeQdrantErrors.ValidationFailed(
                $"Number of weights in RRF should match number of pre-fetches: got {weights.Count}, expected {sources.Count}");
        }
        var fused = new Dictionary<FakePointId, (FakePoint Point, float Score)>();
        for (var s = 0; s < sources.Count; s++)
        {
            var weight = weights?[s] ?? 1f;
            for (var position = 0; position < sources[s].Count; position++)
            {
                var point = sources[s][position].Point;
                var score = weight <= 0f ? 0f : 1f / ((position + 1) / weight + k - 1f);
                fused[point.Id] = fused.TryGetValue(point.Id, out var sum) ? (point, sum.Score + score) : (point, score);
            }
        }
        var hits = fused.Values.Select(entry => new FakeHit(entry.Point, entry.Score, entry.Point.Version)).ToList();
        hits.Sort(FakeHitOrder.LargeBetter);
        return hits;
    }
}

/// <summary>
/// Distribution-based score fusion as Qdrant's <c>score_fusion</c> with <c>ScoreFusion::dbsf()</c> computes it (lib/segment): each list's scores are mapped
/// to [0, 1] between mean − 3σ and mean + 3σ (sample variance by Welford's method; a single point scores 0.5, equal
/// extremes give 0.5 to all; reversed for lists where smaller is better), then summed per point.
/// </summary>
internal sealed class FakeDbsf : FakeFusion
{
    public override List<FakeHit> Fuse(IReadOnlyList<List<FakeHit>> sources, IReadOnlyList<FakeOrder> sourceOrders)
    {
        var fused = new Dictionary<FakePointId, (FakePoint Point, float Score)>();
        for (var s = 0; s < sources.Count; s++)
        {
            var normalised = Normalise(sources[s], sourceOrders[s]);
            for (var i = 0; i < sources[s].Count; i++)
            {
                var point = sources[s][i].Point;
                fused[point.Id] = fused.TryGetValue(point.Id, out var sum) ? (point, sum.Score + normalised[i]) : (point, normalised[i]);
            }
        }
        var hits = fused.Values.Select(entry => new FakeHit(entry.Point, entry.Score, entry.Point.Version)).ToList();
        hits.Sort(FakeHitOrder.LargeBetter);
        return hits;
    }

    private static float[] Normalise(List<FakeHit> hits, FakeOrder order)
    {
        var scores = hits.Select(hit => hit.Score).ToArray();
        if (scores.Length < 2)
        {
            return scores.Length == 1 ? [0.5f] : [];
        }
        float mean = 0f, aggregate = 0f;
        for (var k = 1; k <= scores.Length; k++)
        {
            var oldDelta = scores[k - 1] - mean;
            mean += oldDelta / k;
            aggregate += oldDelta * (scores[k - 1] - mean);
        }
        var deviation = MathF.Sqrt(aggregate / (scores.Length - 1f));
        var min = mean - 3f * deviation;
        var max = mean + 3f * deviation;
        if (min == max)
        {
            return scores.Select(_ => 0.5f).ToArray();
        }
        return scores.Select(score => order == FakeOrder.LargeBetter ? (score - min) / (max - min) : (max - score) / (max - min)).ToArray();
    }
}
