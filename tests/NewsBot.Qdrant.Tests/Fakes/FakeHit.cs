namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// A scored point on its way to a <c>ScoredPoint</c>: <paramref name="Version"/> is the point's version for vector
/// search results and 0 for points that came from a scroll (no query, <c>order_by</c>, sample), as Qdrant builds them.
/// </summary>
internal sealed record FakeHit(FakePoint Point, float Score, ulong Version, FakeOrderValue? OrderValue = null);

/// <summary>
/// Result order: by score (descending when larger is better, ascending for distances), ties by point id ascending.
/// Within one shard Qdrant does not define the order of equal scores (its top-k queue compares scores only); the fake
/// fixes it to id order so results are deterministic.
/// </summary>
internal sealed class FakeHitOrder(FakeOrder order) : IComparer<FakeHit>
{
    public static readonly FakeHitOrder LargeBetter = new(FakeOrder.LargeBetter);

    public FakeOrder Order { get; } = order;

    public int Compare(FakeHit? x, FakeHit? y)
    {
        var byScore = Order == FakeOrder.LargeBetter ? y!.Score.CompareTo(x!.Score) : x!.Score.CompareTo(y!.Score);
        return byScore != 0 ? byScore : x.Point.Id.CompareTo(y.Point.Id);
    }
}
