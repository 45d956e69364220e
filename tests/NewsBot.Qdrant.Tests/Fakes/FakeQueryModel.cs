namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>What a query (or prefetch) scores by.</summary>
internal abstract class FakeScoringQuery;

/// <summary>Nearest to a vector (<c>[…]</c>, <c>[[…]]</c>, <c>{indices, values}</c> or <c>{nearest: …}</c>) in the <c>using</c> vector.</summary>
internal sealed class FakeNearestQuery(string vectorName, FakeVectorInput vector) : FakeScoringQuery
{
    public string VectorName { get; } = vectorName;

    public FakeVectorInput Vector { get; } = vector;
}

/// <summary><c>{fusion: rrf|dbsf}</c> or <c>{rrf: {k, weights}}</c>.</summary>
internal sealed class FakeFusionQuery(FakeFusion fusion) : FakeScoringQuery
{
    public FakeFusion Fusion { get; } = fusion;
}

/// <summary><c>{order_by: …}</c>.</summary>
internal sealed class FakeOrderByQuery(FakeOrderBy orderBy) : FakeScoringQuery
{
    public FakeOrderBy OrderBy { get; } = orderBy;
}

/// <summary><c>{sample: random}</c>.</summary>
internal sealed class FakeSampleQuery : FakeScoringQuery;

/// <summary>
/// A <c>QueryRequest</c> or <c>Prefetch</c>: its own prefetches, query, filter, score threshold and limit (default 10);
/// the root also has an offset. <c>params</c> (HNSW, quantization) are accepted and ignored: the fake always searches exactly.
/// </summary>
internal sealed class FakeQueryNode
{
    public const int DefaultLimit = 10;

    public IReadOnlyList<FakeQueryNode> Prefetches { get; init; } = [];

    public FakeScoringQuery? Query { get; init; }

    public FakeFilter? Filter { get; init; }

    public float? ScoreThreshold { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    public int Offset { get; init; }

    /// <summary>Reads a node; <paramref name="isRoot"/> allows <c>offset</c> (prefetches have none).</summary>
    public static FakeQueryNode Parse(JsonObject obj, bool isRoot)
    {
        if (obj["lookup_from"] is not null)
        {
            throw FakeQdrantErrors.NotImplementedByFake("lookup_from");
        }
        var prefetches = obj["prefetch"] switch
        {
            null => [],
            JsonArray array => array.Select(prefetch => Parse(FakeJson.Object(prefetch, "prefetch"), false)).ToList(),
            var single => [Parse(FakeJson.Object(single, "prefetch"), false)],
        };
        var vectorName = FakeJson.OptionalString(obj, "using") ?? "";
        return new FakeQueryNode
        {
            Prefetches = prefetches,
            Query = obj["query"] is { } query ? ParseQuery(query, vectorName) : null,
            Filter = FakeFilterParser.ParseOptional(obj, "filter"),
            ScoreThreshold = FakeJson.OptionalFloat(obj, "score_threshold"),
            Limit = FakeJson.OptionalPositiveCount(obj, "limit") ?? DefaultLimit,
            Offset = isRoot ? FakeJson.OptionalCount(obj, "offset") ?? 0 : 0,
        };
    }

    /// <summary><c>QueryInterface</c>: a bare <c>VectorInput</c>, or one of the <c>Query</c> objects, told apart by their key.</summary>
    private static FakeScoringQuery ParseQuery(JsonNode query, string vectorName)
    {
        switch (query)
        {
            case JsonArray:
                return new FakeNearestQuery(vectorName, FakeVectorInput.Parse(query, "query"));
            case JsonValue:
                // A point id: "the vector of that point". Not implemented by the fake.
                throw FakeQdrantErrors.NotImplementedByFake("A query by point id");
        }
        var obj = FakeJson.Object(query, "query");
        if (obj.ContainsKey("indices"))
        {
            return new FakeNearestQuery(vectorName, FakeVectorInput.Parse(obj, "query"));
        }
        if (obj["nearest"] is { } nearest)
        {
            if (obj["mmr"] is not null)
            {
                throw FakeQdrantErrors.NotImplementedByFake("MMR");
            }
            if (nearest is JsonValue)
            {
                throw FakeQdrantErrors.NotImplementedByFake("A query by point id");
            }
            return new FakeNearestQuery(vectorName, FakeVectorInput.Parse(nearest, "query.nearest"));
        }
        if (obj["fusion"] is { } fusion)
        {
            return FakeJson.String(fusion, "query.fusion") switch
            {
                "rrf" => new FakeFusionQuery(new FakeRrf(FakeRrf.DefaultK, null)),
                "dbsf" => new FakeFusionQuery(new FakeDbsf()),
                var other => throw FakeQdrantErrors.FormatError($"unknown variant `{other}`, expected `rrf` or `dbsf`"),
            };
        }
        if (obj["rrf"] is { } rrfNode)
        {
            var rrf = FakeJson.Object(rrfNode, "query.rrf");
            var k = FakeJson.OptionalPositiveCount(rrf, "k") ?? FakeRrf.DefaultK;
            var weights = FakeJson.OptionalArray(rrf, "weights")?.Select(weight => FakeJson.Float(weight, "query.rrf.weights")).ToList();
            return new FakeFusionQuery(new FakeRrf(k, weights));
        }
        if (obj["order_by"] is { } orderBy)
        {
            return new FakeOrderByQuery(FakeOrderBy.Parse(orderBy));
        }
        if (obj["sample"] is { } sample)
        {
            return FakeJson.String(sample, "query.sample") == "random"
                ? new FakeSampleQuery()
                : throw FakeQdrantErrors.FormatError("unknown variant, expected `random`");
        }
        foreach (var unsupported in (ReadOnlySpan<string>)["recommend", "discover", "context", "formula", "relevance_feedback"])
        {
            if (obj.ContainsKey(unsupported))
            {
                throw FakeQdrantErrors.NotImplementedByFake($"The {unsupported} query");
            }
        }
        if (obj.ContainsKey("text") || obj.ContainsKey("image") || obj.ContainsKey("object"))
        {
            throw FakeQdrantErrors.NotImplementedByFake("Inference (documents, images, objects as vectors)");
        }
        throw FakeQdrantErrors.FormatError("data did not match any variant of untagged enum QueryInterface");
    }
}

/// <summary>A root query with what it returns of each point.</summary>
internal sealed record FakeQueryRequest(FakeQueryNode Root, FakeOutputSelection Output)
{
    /// <summary>A <c>QueryRequest</c>: neither payload nor vectors unless asked for.</summary>
    public static FakeQueryRequest Parse(JsonObject body) =>
        new(FakeQueryNode.Parse(body, isRoot: true), FakeOutputSelection.Parse(body, payloadByDefault: false, vectorsByDefault: false));
}
