namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>One group of a groups query: the <c>group_by</c> value and its best hits.</summary>
internal sealed record FakeGroup(JsonNode Id, List<FakeHit> Hits);

/// <summary>
/// <c>query/groups</c> as lib/collection/src/grouping/group_by.rs runs it: the query is repeated (up to 5 times to find
/// groups, then up to 5 times to fill the best unfilled ones) with <c>limit = groups × group_size</c>, a filter that the
/// key is not empty, the points already seen excluded (<c>must_not has_id</c>), and full groups excluded
/// (<c>match.except</c>) or, while filling, only the unfilled best groups included (<c>match.any</c>). Those filters are
/// merged into the query's filter, so they reach its prefetches too. A point whose value is an array joins each of its
/// values' groups; a value that is neither a string nor an integer leaves the point out (aggregator.rs). Groups are
/// ordered by their best hit; ties, which Qdrant leaves to hash order, by when the group was first seen.
/// </summary>
internal sealed class FakeGroupBy(FakeQueryEngine engine, FakeJsonPath groupBy, int groupSize, int groups, FakeOrder order)
{
    private const int MaxRequests = 5;

    public List<FakeGroup> Run(FakeQueryNode request)
    {
        var aggregator = new Aggregator(groupBy, groupSize, groups, order);
        var needsFilling = true;
        for (var attempt = 0; attempt < MaxRequests; attempt++)
        {
            var filter = request.Filter;
            var fullGroups = aggregator.FullGroupKeys();
            if (fullGroups.Count > 0)
            {
                filter = FakeFilter.Merge(filter, FakeFilter.MustOf([.. Conditions(fullGroups, except: true)]));
            }
            var points = Fetch(request, ExcludingSeen(filter, aggregator));
            if (points.Count == 0)
            {
                break;
            }
            aggregator.Add(points);
            if (aggregator.FilledBestGroupCount() >= groups)
            {
                needsFilling = false;
                break;
            }
        }
        if (needsFilling)
        {
            for (var attempt = 0; attempt < MaxRequests; attempt++)
            {
                var filter = request.Filter;
                var conditions = Conditions(aggregator.UnfilledBestGroupKeys(), except: false);
                if (conditions.Count > 0)
                {
                    filter = FakeFilter.Merge(filter, FakeFilter.MustOf([.. conditions]));
                }
                var points = Fetch(request, ExcludingSeen(filter, aggregator));
                if (points.Count == 0)
                {
                    break;
                }
                aggregator.Add(points);
                if (aggregator.FilledBestGroupCount() >= groups)
                {
                    break;
                }
            }
        }
        return aggregator.Distill();
    }

    private static FakeFilter? ExcludingSeen(FakeFilter? filter, Aggregator aggregator) => aggregator.SeenIds.Count == 0
        ? filter
        : FakeFilter.Merge(filter, FakeFilter.MustNotOf(new FakeHasIdCondition(aggregator.SeenIds.ToHashSet())));

    private List<FakeHit> Fetch(FakeQueryNode request, FakeFilter? filter)
    {
        var keyNotEmpty = FakeFilter.MustNotOf(new FakeIsEmptyCondition(groupBy));
        return engine.Run(new FakeQueryNode
        {
            Prefetches = request.Prefetches,
            Query = request.Query,
            Filter = FakeFilter.Merge(filter, keyNotEmpty),
            ScoreThreshold = request.ScoreThreshold,
            Limit = groups * groupSize,
        });
    }

    /// <summary><c>except_on</c>/<c>match_on</c>: one condition for the integer keys, one for the string keys.</summary>
    private List<FakeCondition> Conditions(IReadOnlyList<JsonNode> keys, bool except)
    {
        var conditions = new List<FakeCondition>();
        var integers = keys.Where(FakeJson.IsNumber).Select(key => key.GetValue<long>()).ToHashSet();
        var strings = keys.Where(FakeJson.IsString).Select(key => key.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        if (integers.Count > 0)
        {
            conditions.Add(Field(except ? new FakeMatchExcept(null, integers) : new FakeMatchAny(new HashSet<string>(), integers)));
        }
        if (strings.Count > 0)
        {
            conditions.Add(Field(except ? new FakeMatchExcept(strings, null) : new FakeMatchAny(strings, new HashSet<long>())));
        }
        return conditions;

        FakeFieldCondition Field(FakeValueMatch match) => new(groupBy, match, null, null, null, null);
    }

    private sealed class Aggregator(FakeJsonPath groupBy, int groupSize, int maxGroups, FakeOrder order)
    {
        private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);

        public HashSet<FakePointId> SeenIds { get; } = [];

        public void Add(IEnumerable<FakeHit> hits)
        {
            foreach (var hit in hits)
            {
                var keys = new List<(string Key, JsonNode Id)>();
                var badKey = false;
                foreach (var value in groupBy.Values(hit.Point.Payload).SelectMany(value => value is JsonArray array ? array.AsEnumerable() : new[] { value }))
                {
                    if (FakeJson.IsString(value))
                    {
                        keys.Add(("s:" + value!.GetValue<string>(), JsonValue.Create(value.GetValue<string>())));
                    }
                    else if (FakeJson.IsNumber(value) && value!.AsValue().TryGetValue<long>(out var integer))
                    {
                        keys.Add(("i:" + integer, JsonValue.Create(integer)));
                    }
                    else if (FakeJson.IsNumber(value) && value!.AsValue().TryGetValue<ulong>(out var unsigned))
                    {
                        keys.Add(("u:" + unsigned, JsonValue.Create(unsigned)));
                    }
                    else
                    {
                        badKey = true;
                    }
                }
                if (badKey)
                {
                    continue;
                }
                foreach (var (key, id) in keys.DistinctBy(entry => entry.Key))
                {
                    if (!_groups.TryGetValue(key, out var group))
                    {
                        group = new Group(id, _groups.Count);
                        _groups[key] = group;
                    }
                    if (!group.Hits.TryGetValue(hit.Point.Id, out var existing) || existing.Version < hit.Version)
                    {
                        group.Hits[hit.Point.Id] = hit;
                    }
                    SeenIds.Add(hit.Point.Id);
                    if (group.Hits.Count == groupSize)
                    {
                        group.Full = true;
                    }
                    group.Best = group.Best is not { } best ? hit.Score
                        : order == FakeOrder.LargeBetter ? MathF.Max(best, hit.Score) : MathF.Min(best, hit.Score);
                }
            }
        }

        private IEnumerable<Group> BestGroups() => _groups.Values
            .OrderBy(group => order == FakeOrder.LargeBetter ? -group.Best!.Value : group.Best!.Value)
            .ThenBy(group => group.Sequence)
            .Take(maxGroups);

        public IReadOnlyList<JsonNode> FullGroupKeys() => _groups.Values.Where(group => group.Full).Select(group => group.Id).ToList();

        public IReadOnlyList<JsonNode> UnfilledBestGroupKeys() => BestGroups().Where(group => !group.Full).Select(group => group.Id).ToList();

        public int FilledBestGroupCount() => BestGroups().Count(group => group.Full);

        public List<FakeGroup> Distill() => BestGroups()
            .Select(group =>
            {
                var hits = group.Hits.Values.ToList();
                hits.Sort(new FakeHitOrder(order));
                return new FakeGroup(group.Id.DeepClone(), hits.Take(groupSize).ToList());
            })
            .ToList();

        private sealed class Group(JsonNode id, int sequence)
        {
            public JsonNode Id { get; } = id;

            public int Sequence { get; } = sequence;

            public Dictionary<FakePointId, FakeHit> Hits { get; } = [];

            public bool Full { get; set; }

            public float? Best { get; set; }
        }
    }
}
