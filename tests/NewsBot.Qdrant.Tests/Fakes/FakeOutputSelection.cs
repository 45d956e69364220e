namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// What a read returns of each point: <c>with_payload</c> (<c>true</c>/<c>false</c>, a list of keys, <c>{include}</c> or
/// <c>{exclude}</c>) and <c>with_vector</c> (<c>true</c>/<c>false</c> or a list of names), with each endpoint's defaults
/// (scroll and retrieve: payload yes, vectors no; query: neither). It also writes Qdrant's two point shapes.
/// </summary>
internal sealed class FakeOutputSelection
{
    private readonly bool _allPayload;
    private readonly IReadOnlyList<FakeJsonPath>? _include;
    private readonly IReadOnlyList<FakeJsonPath>? _exclude;
    private readonly bool _allVectors;
    private readonly IReadOnlySet<string>? _vectorNames;

    private FakeOutputSelection(bool allPayload, IReadOnlyList<FakeJsonPath>? include, IReadOnlyList<FakeJsonPath>? exclude, bool allVectors, IReadOnlySet<string>? vectorNames)
    {
        _allPayload = allPayload;
        _include = include;
        _exclude = exclude;
        _allVectors = allVectors;
        _vectorNames = vectorNames;
    }

    public bool WantsVectors => _allVectors || _vectorNames is not null;

    public static FakeOutputSelection Parse(JsonObject body, bool payloadByDefault, bool vectorsByDefault)
    {
        bool allPayload = false;
        IReadOnlyList<FakeJsonPath>? include = null, exclude = null;
        switch (body["with_payload"])
        {
            case null:
                allPayload = payloadByDefault;
                break;
            case JsonArray keys:
                include = Paths(keys, "with_payload");
                break;
            case JsonObject selector when selector["include"] is JsonArray keys:
                include = Paths(keys, "with_payload.include");
                break;
            case JsonObject selector when selector["exclude"] is JsonArray keys:
                exclude = Paths(keys, "with_payload.exclude");
                break;
            case var other:
                allPayload = FakeJson.OptionalBool(body, "with_payload") ?? throw FakeJson.TypeError(other, "WithPayloadInterface");
                break;
        }
        bool allVectors = false;
        IReadOnlySet<string>? vectorNames = null;
        switch (body["with_vector"] ?? body["with_vectors"])
        {
            case null:
                allVectors = vectorsByDefault;
                break;
            case JsonArray names:
                vectorNames = names.Select(name => FakeJson.String(name, "with_vector")).ToHashSet(StringComparer.Ordinal);
                break;
            case var flag:
                allVectors = flag.GetValueKind() switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw FakeJson.TypeError(flag, "WithVector"),
                };
                break;
        }
        return new FakeOutputSelection(allPayload, include, exclude, allVectors, vectorNames);
    }

    private static List<FakeJsonPath> Paths(JsonArray keys, string field) =>
        keys.Select(key => FakeJsonPath.Parse(FakeJson.String(key, field))).ToList();

    public JsonObject? SelectPayload(FakePoint point)
    {
        if (_allPayload)
        {
            return (JsonObject)point.Payload.DeepClone();
        }
        if (_include is not null)
        {
            var selected = new JsonObject();
            foreach (var path in _include)
            {
                path.CopyInto(point.Payload, selected);
            }
            return selected;
        }
        if (_exclude is not null)
        {
            var selected = (JsonObject)point.Payload.DeepClone();
            foreach (var path in _exclude)
            {
                path.RemoveFrom(selected);
            }
            return selected;
        }
        return null;
    }

    /// <summary><c>VectorStructOutput</c>: a plain array for a collection with one unnamed vector, else a map by name.</summary>
    public JsonNode? SelectVectors(FakePoint point, FakeCollectionConfig config)
    {
        if (!WantsVectors)
        {
            return null;
        }
        if (config.SingleUnnamedVector && _allVectors && point.Vectors.Count == 1 && point.Vectors.TryGetValue("", out var single))
        {
            return single.ToJson();
        }
        var vectors = new JsonObject();
        foreach (var (name, vector) in point.Vectors.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            if (_allVectors || _vectorNames!.Contains(name))
            {
                vectors[name] = vector.ToJson();
            }
        }
        return vectors;
    }

    /// <summary>
    /// <c>Record</c> (scroll, retrieve, get): <c>payload</c> and <c>vector</c> are always present, null when not asked for;
    /// <c>order_value</c> only when ordering by a field.
    /// </summary>
    public JsonObject Record(FakePoint point, FakeCollectionConfig config, FakeOrderValue? orderValue = null)
    {
        var record = new JsonObject
        {
            ["id"] = point.Id.ToJson(),
            ["payload"] = SelectPayload(point),
            ["vector"] = SelectVectors(point, config),
        };
        if (orderValue is { } value)
        {
            record["order_value"] = value.ToJson();
        }
        return record;
    }

    /// <summary><c>ScoredPoint</c> (query): <c>payload</c>, <c>vector</c> and <c>order_value</c> only when there is one.</summary>
    public JsonObject ScoredPoint(FakeHit hit, FakeCollectionConfig config)
    {
        var scored = new JsonObject
        {
            ["id"] = hit.Point.Id.ToJson(),
            ["version"] = hit.Version,
            ["score"] = FakeJson.Float(hit.Score),
        };
        if (SelectPayload(hit.Point) is { } payload)
        {
            scored["payload"] = payload;
        }
        if (SelectVectors(hit.Point, config) is { } vectors)
        {
            scored["vector"] = vectors;
        }
        if (hit.OrderValue is { } orderValue)
        {
            scored["order_value"] = orderValue.ToJson();
        }
        return scored;
    }
}
