namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// Which points a write applies to: listed ids (<c>points</c>) or a <c>filter</c>. Listed ids that do not exist are
/// reported after the others are written, as Qdrant's <c>check_unprocessed_points</c> does ("No point with id … found").
/// </summary>
internal sealed class FakePointSelector
{
    private readonly IReadOnlyList<FakePointId>? _ids;
    private readonly FakeFilter? _filter;

    private FakePointSelector(IReadOnlyList<FakePointId>? ids, FakeFilter? filter)
    {
        _ids = ids;
        _filter = filter;
    }

    /// <summary>Reads <c>points</c> or <c>filter</c> from <paramref name="body"/> (both absent: a 422, as Qdrant validates).</summary>
    public static FakePointSelector Parse(JsonObject body)
    {
        var ids = FakeJson.OptionalArray(body, "points")?.Select(FakePointId.FromJson).ToList();
        var filter = FakeFilterParser.ParseOptional(body, "filter");
        if (ids is null && filter is null)
        {
            throw FakeQdrantErrors.ValidationError("points", "either list of point ids or filter must be provided");
        }
        return new FakePointSelector(ids, filter);
    }

    /// <summary>The selected points that exist, and the listed ids that do not.</summary>
    public (List<FakePoint> Points, List<FakePointId> Missing) Resolve(FakeCollection collection)
    {
        if (_ids is null)
        {
            return (collection.Points.Where(_filter!.Matches).ToList(), []);
        }
        var points = new List<FakePoint>();
        var missing = new List<FakePointId>();
        foreach (var id in _ids.Distinct())
        {
            if (collection.Find(id) is { } point && (_filter?.Matches(point) ?? true))
            {
                points.Add(point);
            }
            else if (collection.Find(id) is null)
            {
                missing.Add(id);
            }
        }
        return (points, missing);
    }

    public static void ThrowIfMissing(List<FakePointId> missing)
    {
        if (missing.Count > 0)
        {
            throw FakeQdrantErrors.PointNotFound(missing[0]);
        }
    }
}
