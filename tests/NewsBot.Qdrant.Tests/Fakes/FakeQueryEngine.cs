namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// Runs a universal query over one collection as Qdrant plans and runs it (lib/shard/src/query/planned_query.rs,
/// lib/collection/src/shards/local_shard/query.rs, lib/collection/src/collection/query.rs), with exact search instead of
/// HNSW (so results are what an exact Qdrant search returns):
/// <list type="bullet">
/// <item>The root asks for <c>limit + offset</c> and drops the first <c>offset</c> at the end.</item>
/// <item>Without prefetches the query runs on the collection: a vector query searches, no query scrolls by id,
/// <c>order_by</c> scrolls by the field, a fusion is an error ("cannot apply Fusion without prefetches").</item>
/// <item>With prefetches there must be a query ("cannot have prefetches without a query"). The query's filter is merged
/// into every prefetch, recursively, and applied at the leaves (<c>recurse_prefetches</c>); each prefetch returns its own
/// limit (default 10) above its score threshold. A fusion fuses the prefetches' lists; a vector query rescores only the
/// union of the prefetched points with its vector (points without that vector drop out), keeping its limit.</item>
/// <item>Score thresholds keep scores strictly better than the threshold for vector search (<c>Distance::check_threshold</c>)
/// and scores ≥ the threshold after a fusion (<c>take_while(score &gt;= threshold)</c>).</item>
/// <item>Points that come from a scroll (no query, <c>order_by</c>, <c>sample</c>) score 1.0 with version 0, as
/// <c>query_scroll</c> builds them.</item>
/// </list>
/// Callers hold the collection's lock.
/// </summary>
internal sealed class FakeQueryEngine(FakeCollection collection)
{
    public List<FakeHit> Run(FakeQueryNode root)
    {
        var limit = root.Limit + root.Offset;
        List<FakeHit> hits;
        if (root.Prefetches.Count == 0)
        {
            hits = Leaf(root.Query, root.Filter, limit, root.ScoreThreshold);
        }
        else
        {
            var query = root.Query ?? throw FakeQdrantErrors.ValidationFailed("cannot have prefetches without a query");
            var sources = root.Prefetches.Select(prefetch => Prefetch(prefetch, root.Filter)).ToList();
            hits = Rescore(sources, root.Prefetches, query, limit, root.ScoreThreshold);
        }
        return hits.Skip(root.Offset).Take(root.Limit).ToList();
    }

    /// <summary>Which way a query's scores run (<c>query_result_order</c>): distances ascending, everything else descending.</summary>
    public FakeOrder OrderOf(FakeScoringQuery? query) => query switch
    {
        FakeNearestQuery nearest when collection.Config.Dense.TryGetValue(nearest.VectorName, out var dense) => dense.Order,
        FakeOrderByQuery orderBy => orderBy.OrderBy.Descending ? FakeOrder.LargeBetter : FakeOrder.SmallBetter,
        null => FakeOrder.SmallBetter,
        _ => FakeOrder.LargeBetter,
    };

    private List<FakeHit> Prefetch(FakeQueryNode prefetch, FakeFilter? propagatedFilter)
    {
        var filter = FakeFilter.Merge(propagatedFilter, prefetch.Filter);
        if (prefetch.Prefetches.Count == 0)
        {
            return Leaf(prefetch.Query, filter, prefetch.Limit, prefetch.ScoreThreshold);
        }
        var sources = prefetch.Prefetches.Select(inner => Prefetch(inner, filter)).ToList();
        var query = prefetch.Query ?? throw FakeQdrantErrors.ValidationFailed("cannot have prefetches without a query");
        return Rescore(sources, prefetch.Prefetches, query, prefetch.Limit, prefetch.ScoreThreshold);
    }

    private List<FakeHit> Leaf(FakeScoringQuery? query, FakeFilter? filter, int limit, float? scoreThreshold)
    {
        var candidates = filter is null ? collection.Points : collection.Points.Where(filter.Matches);
        return query switch
        {
            null => candidates.Take(limit).Select(Scrolled).ToList(),
            FakeNearestQuery nearest => Search(nearest, candidates, limit, scoreThreshold),
            FakeFusionQuery => throw FakeQdrantErrors.ValidationFailed("cannot apply Fusion without prefetches"),
            FakeOrderByQuery orderBy => OrderedScroll(orderBy.OrderBy, candidates, limit),
            FakeSampleQuery => candidates.OrderBy(_ => Random.Shared.Next()).Take(limit).Select(Scrolled).ToList(),
            _ => throw new InvalidOperationException(),
        };
    }

    private List<FakeHit> Rescore(
        List<List<FakeHit>> sources,
        IReadOnlyList<FakeQueryNode> prefetches,
        FakeScoringQuery query,
        int limit,
        float? scoreThreshold)
    {
        if (query is FakeFusionQuery fusion)
        {
            var fused = fusion.Fusion.Fuse(sources, prefetches.Select(prefetch => OrderOf(prefetch.Query)).ToList());
            IEnumerable<FakeHit> kept = scoreThreshold is { } threshold ? fused.TakeWhile(hit => hit.Score >= threshold) : fused;
            return kept.Take(limit).ToList();
        }
        var candidates = sources
            .SelectMany(source => source)
            .Select(hit => hit.Point.Id)
            .Distinct()
            .Select(collection.Find)
            .OfType<FakePoint>()
            .ToList();
        return query switch
        {
            FakeNearestQuery nearest => Search(nearest, candidates, limit, scoreThreshold),
            FakeOrderByQuery orderBy => OrderedScroll(orderBy.OrderBy, candidates.OrderBy(point => point.Id), limit),
            FakeSampleQuery => candidates.OrderBy(_ => Random.Shared.Next()).Take(limit).Select(Scrolled).ToList(),
            _ => throw new InvalidOperationException(),
        };
    }

    private static FakeHit Scrolled(FakePoint point) => new(point, 1f, 0);

    private List<FakeHit> OrderedScroll(FakeOrderBy orderBy, IEnumerable<FakePoint> candidates, int limit) =>
        orderBy.Apply(collection, candidates, limit).Select(entry => new FakeHit(entry.Point, 1f, 0, entry.Value)).ToList();

    /// <summary>Exact nearest-neighbour search over <paramref name="candidates"/>.</summary>
    private List<FakeHit> Search(FakeNearestQuery query, IEnumerable<FakePoint> candidates, int limit, float? scoreThreshold)
    {
        var config = collection.Config;
        if (!config.Dense.ContainsKey(query.VectorName) && !config.Sparse.ContainsKey(query.VectorName))
        {
            throw FakeQdrantErrors.MissingVector(config, query.VectorName);
        }
        var vector = query.Vector.ConformTo(config, query.VectorName);
        var hits = new List<FakeHit>();
        FakeOrder order;
        if (config.Dense.TryGetValue(query.VectorName, out var dense))
        {
            order = dense.Order;
            foreach (var point in candidates)
            {
                if (!point.Vectors.TryGetValue(query.VectorName, out var stored))
                {
                    continue;
                }
                var similarity = (vector, stored) switch
                {
                    (FakeDenseVector q, FakeDenseVector s) => FakeScoring.Similarity(dense.Distance, q.Values, s.Values),
                    (FakeMultiVector q, FakeMultiVector s) => FakeScoring.MaxSim(dense.Distance, q.Rows, s.Rows),
                    _ => throw new InvalidOperationException("A stored vector does not match its config."),
                };
                hits.Add(new FakeHit(point, FakeScoring.Postprocess(dense.Distance, similarity), point.Version));
            }
        }
        else
        {
            order = FakeOrder.LargeBetter;
            var sparseQuery = (FakeSparseVector)vector;
            if (config.Sparse[query.VectorName].Idf)
            {
                sparseQuery = collection.SparseStatistics(query.VectorName).Reweight(sparseQuery);
            }
            foreach (var point in candidates)
            {
                if (point.Vectors.TryGetValue(query.VectorName, out var stored)
                    && FakeScoring.Sparse(sparseQuery, (FakeSparseVector)stored) is { } score)
                {
                    hits.Add(new FakeHit(point, score, point.Version));
                }
            }
        }
        if (scoreThreshold is { } threshold)
        {
            hits.RemoveAll(hit => order == FakeOrder.LargeBetter ? !(hit.Score > threshold) : !(hit.Score < threshold));
        }
        hits.Sort(new FakeHitOrder(order));
        return hits.Count > limit ? hits.GetRange(0, limit) : hits;
    }
}
