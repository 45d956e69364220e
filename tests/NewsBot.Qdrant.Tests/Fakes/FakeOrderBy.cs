namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// <c>order_by</c> (a key, or <c>{key, direction, start_from}</c>) and how Qdrant applies it
/// (<c>SegmentReadView::filtered_read_by_value_stream</c> and <c>filtered_read_by_index_ordered</c> in lib/segment): the key needs a range index, points without a value for it are skipped, and a
/// point with several values appears once, at its smallest value not below <c>start_from</c> (ascending) or its largest
/// not above it (descending) — <c>effective_order_value</c>, the fix for qdrant/qdrant issue 9192 (older versions listed
/// such a point once per value). Equal values are ordered by id, which Qdrant leaves unspecified.
/// </summary>
internal sealed class FakeOrderBy(string key, bool descending, JsonNode? startFrom)
{
    public string Key { get; } = key;

    public bool Descending { get; } = descending;

    public static FakeOrderBy Parse(JsonNode node)
    {
        if (FakeJson.IsString(node))
        {
            return new FakeOrderBy(node.GetValue<string>(), false, null);
        }
        var obj = FakeJson.Object(node, "order_by");
        var key = FakeJson.OptionalString(obj, "key") ?? throw FakeQdrantErrors.FormatError("missing field `key`");
        var direction = FakeJson.OptionalString(obj, "direction") ?? "asc";
        if (direction is not ("asc" or "desc"))
        {
            throw FakeQdrantErrors.FormatError($"unknown variant `{direction}`, expected `asc` or `desc`");
        }
        var startFrom = obj["start_from"];
        if (startFrom is not null && !FakeJson.IsNumber(startFrom) && !FakeJson.IsString(startFrom))
        {
            throw FakeQdrantErrors.FormatError("data did not match any variant of untagged enum StartFrom");
        }
        return new FakeOrderBy(key, direction == "desc", startFrom?.DeepClone());
    }

    /// <summary>The ordered points with their order values, at most <paramref name="limit"/>.</summary>
    public List<(FakePoint Point, FakeOrderValue Value)> Apply(FakeCollection collection, IEnumerable<FakePoint> candidates, int limit)
    {
        if (!collection.Indexes.TryGetValue(Key, out var index) || !index.SupportsRange)
        {
            throw FakeQdrantErrors.MissingRangeIndexForOrderBy(Key);
        }
        var start = StartValue();
        var ordered = new List<(FakePoint Point, FakeOrderValue Value)>();
        foreach (var point in candidates)
        {
            var values = index.OrderValues(point.Payload)
                .Where(value => start is not { } from || (Descending ? value.CompareTo(from) <= 0 : value.CompareTo(from) >= 0))
                .ToList();
            if (values.Count > 0)
            {
                ordered.Add((point, Descending ? values.Max() : values.Min()));
            }
        }
        ordered.Sort((x, y) =>
        {
            var byValue = Descending ? y.Value.CompareTo(x.Value) : x.Value.CompareTo(y.Value);
            return byValue != 0 ? byValue : x.Point.Id.CompareTo(y.Point.Id);
        });
        return ordered.Take(limit).ToList();
    }

    /// <summary><c>StartFrom</c>: an integer, a float, or an RFC 3339 datetime (compared as microseconds).</summary>
    private FakeOrderValue? StartValue()
    {
        if (startFrom is null)
        {
            return null;
        }
        if (FakeJson.IsString(startFrom))
        {
            return FakeOrderValue.FromInteger(FakeDateTime.ParseRequestMicros(startFrom.GetValue<string>()));
        }
        return startFrom.AsValue().TryGetValue<long>(out var integer)
            ? FakeOrderValue.FromInteger(integer)
            : FakeOrderValue.FromFloat(startFrom.GetValue<double>());
    }
}
