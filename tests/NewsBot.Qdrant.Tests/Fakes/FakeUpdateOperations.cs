namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// A point write, parsed from its request, applied to a collection under its lock. Each operation checks its vectors
/// before writing anything; within a batch, operations apply in order and one that fails leaves the earlier ones
/// applied (Qdrant submits them one by one).
/// </summary>
internal abstract class FakeUpdateOperation
{
    public abstract void Apply(FakeCollection collection, ulong operationId);

    /// <summary>One entry of <c>UpdateOperations.operations</c>, told apart by its key.</summary>
    public static FakeUpdateOperation ParseBatchEntry(JsonNode? node)
    {
        var entry = FakeJson.Object(node, "operations[]");
        if (entry.Count != 1)
        {
            throw FakeQdrantErrors.FormatError("data did not match any variant of untagged enum UpdateOperation");
        }
        var (kind, body) = entry.First();
        var obj = FakeJson.Object(body, kind);
        return kind switch
        {
            "upsert" => FakeUpsert.Parse(obj),
            "delete" => new FakeDeletePoints(FakePointSelector.Parse(obj)),
            "set_payload" => FakeSetPayload.Parse(obj, overwrite: false),
            "overwrite_payload" => FakeSetPayload.Parse(obj, overwrite: true),
            "delete_payload" => FakeDeletePayload.Parse(obj),
            "clear_payload" => new FakeClearPayload(FakePointSelector.Parse(obj)),
            "update_vectors" => FakeUpdateVectors.Parse(obj),
            "delete_vectors" => FakeDeleteVectors.Parse(obj),
            _ => throw FakeQdrantErrors.FormatError("data did not match any variant of untagged enum UpdateOperation"),
        };
    }

    protected static Dictionary<string, FakeVectorInput> ParseVectors(JsonNode? node, string field)
    {
        switch (node)
        {
            case null:
                throw FakeQdrantErrors.FormatError($"missing field `vector` ({field})");
            case JsonArray:
                // A plain (or multi) vector is the unnamed default vector "".
                return new Dictionary<string, FakeVectorInput>(StringComparer.Ordinal) { [""] = FakeVectorInput.Parse(node, field) };
            case JsonObject named:
                var vectors = new Dictionary<string, FakeVectorInput>(StringComparer.Ordinal);
                foreach (var (name, vector) in named)
                {
                    vectors[name] = FakeVectorInput.Parse(vector, $"{field}.{name}");
                }
                return vectors;
            default:
                throw FakeQdrantErrors.FormatError($"data did not match any variant of untagged enum VectorStruct ({field})");
        }
    }

    protected static Dictionary<string, FakeVector> Conform(FakeCollectionConfig config, Dictionary<string, FakeVectorInput> vectors) =>
        vectors.ToDictionary(entry => entry.Key, entry => entry.Value.ConformTo(config, entry.Key), StringComparer.Ordinal);
}

/// <summary>
/// Upsert (<c>PointsList</c> or <c>PointsBatch</c>): each point replaces any point of that id whole (vectors it omits
/// are gone, payload replaced). <c>update_mode</c> (<c>insert_only</c>, <c>update_only</c>) and <c>update_filter</c>
/// (existing points are replaced only if they match) as the 1.19 API describes them.
/// </summary>
internal sealed class FakeUpsert(List<(FakePointId Id, Dictionary<string, FakeVectorInput> Vectors, JsonObject? Payload)> points, string mode, FakeFilter? updateFilter) : FakeUpdateOperation
{
    public static FakeUpsert Parse(JsonObject body)
    {
        var mode = FakeJson.OptionalString(body, "update_mode") ?? "upsert";
        if (mode is not ("upsert" or "insert_only" or "update_only"))
        {
            throw FakeQdrantErrors.FormatError($"unknown variant `{mode}`, expected one of `upsert`, `insert_only`, `update_only`");
        }
        var updateFilter = FakeFilterParser.ParseOptional(body, "update_filter");
        var points = new List<(FakePointId, Dictionary<string, FakeVectorInput>, JsonObject?)>();
        if (FakeJson.OptionalArray(body, "points") is { } list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var point = FakeJson.Object(list[i], $"points[{i}]");
                var id = point["id"] is { } idNode ? FakePointId.FromJson(idNode) : throw FakeQdrantErrors.FormatError("missing field `id`");
                points.Add((id, ParseVectors(point["vector"], $"points[{i}].vector"), FakeJson.OptionalObject(point, "payload")));
            }
        }
        else if (FakeJson.OptionalObject(body, "batch") is { } batch)
        {
            points.AddRange(ParseBatch(batch));
        }
        else
        {
            throw FakeQdrantErrors.FormatError("data did not match any variant of untagged enum PointInsertOperations");
        }
        return new FakeUpsert(points, mode, updateFilter);
    }

    /// <summary><c>Batch</c>: parallel <c>ids</c>, <c>vectors</c> (list of unnamed vectors, or name → list) and <c>payloads</c>.</summary>
    private static IEnumerable<(FakePointId, Dictionary<string, FakeVectorInput>, JsonObject?)> ParseBatch(JsonObject batch)
    {
        var ids = (FakeJson.OptionalArray(batch, "ids") ?? throw FakeQdrantErrors.FormatError("missing field `ids`")).Select(FakePointId.FromJson).ToList();
        var payloads = FakeJson.OptionalArray(batch, "payloads");
        var perPoint = ids.Select(_ => new Dictionary<string, FakeVectorInput>(StringComparer.Ordinal)).ToList();
        switch (batch["vectors"])
        {
            case JsonArray unnamed:
                CheckLength(unnamed.Count, ids.Count, "vectors");
                for (var i = 0; i < unnamed.Count; i++)
                {
                    perPoint[i][""] = FakeVectorInput.Parse(unnamed[i], $"batch.vectors[{i}]");
                }
                break;
            case JsonObject named:
                foreach (var (name, list) in named)
                {
                    var array = list as JsonArray ?? throw FakeJson.TypeError(list, $"a sequence (batch.vectors.{name})");
                    CheckLength(array.Count, ids.Count, $"vectors.{name}");
                    for (var i = 0; i < array.Count; i++)
                    {
                        perPoint[i][name] = FakeVectorInput.Parse(array[i], $"batch.vectors.{name}[{i}]");
                    }
                }
                break;
            default:
                throw FakeQdrantErrors.FormatError("missing field `vectors`");
        }
        if (payloads is not null)
        {
            CheckLength(payloads.Count, ids.Count, "payloads");
        }
        for (var i = 0; i < ids.Count; i++)
        {
            yield return (ids[i], perPoint[i], payloads?[i] is { } payload ? FakeJson.Object(payload, $"batch.payloads[{i}]") : null);
        }
    }

    private static void CheckLength(int actual, int expected, string field)
    {
        if (actual != expected)
        {
            throw FakeQdrantErrors.ValidationError($"batch.{field}", $"number of {field} must match the number of ids ({expected}), got {actual}");
        }
    }

    public override void Apply(FakeCollection collection, ulong operationId)
    {
        var prepared = points.Select(point => (point.Id, Vectors: Conform(collection.Config, point.Vectors), point.Payload)).ToList();
        foreach (var (id, vectors, payload) in prepared)
        {
            var existing = collection.Find(id);
            if ((mode == "insert_only" && existing is not null) || (mode == "update_only" && existing is null))
            {
                continue;
            }
            if (existing is not null && updateFilter is not null && !updateFilter.Matches(existing))
            {
                continue;
            }
            var point = new FakePoint(id) { Payload = (JsonObject?)payload?.DeepClone() ?? [], Version = operationId };
            foreach (var (name, vector) in vectors)
            {
                point.Vectors[name] = vector;
            }
            collection.Put(point);
        }
    }
}

internal sealed class FakeDeletePoints(FakePointSelector selector) : FakeUpdateOperation
{
    public override void Apply(FakeCollection collection, ulong operationId)
    {
        // Deleting ids that do not exist is not an error.
        foreach (var point in selector.Resolve(collection).Points)
        {
            collection.Delete(point.Id);
        }
    }
}

/// <summary>
/// <c>set_payload</c> merges the given top-level keys into each payload (into the object at <c>key</c> when given);
/// <c>overwrite_payload</c> replaces the payload.
/// </summary>
internal sealed class FakeSetPayload(JsonObject payload, FakePointSelector selector, FakeJsonPath? key, bool overwrite) : FakeUpdateOperation
{
    public static FakeSetPayload Parse(JsonObject body, bool overwrite)
    {
        var payload = FakeJson.OptionalObject(body, "payload") ?? throw FakeQdrantErrors.FormatError("missing field `payload`");
        var key = FakeJson.OptionalString(body, "key") is { } keyText ? FakeJsonPath.Parse(keyText) : null;
        return new FakeSetPayload(payload, FakePointSelector.Parse(body), key, overwrite);
    }

    public override void Apply(FakeCollection collection, ulong operationId)
    {
        var (points, missing) = selector.Resolve(collection);
        foreach (var point in points)
        {
            if (overwrite && key is null)
            {
                point.Payload = (JsonObject)payload.DeepClone();
            }
            else
            {
                var target = key is null ? point.Payload : key.ObjectAt(point.Payload);
                if (target is not null)
                {
                    if (overwrite)
                    {
                        target.Clear();
                    }
                    foreach (var (name, value) in payload)
                    {
                        target[name] = value?.DeepClone();
                    }
                }
            }
            point.Version = operationId;
        }
        FakePointSelector.ThrowIfMissing(missing);
    }
}

internal sealed class FakeDeletePayload(List<FakeJsonPath> keys, FakePointSelector selector) : FakeUpdateOperation
{
    public static FakeDeletePayload Parse(JsonObject body)
    {
        var keys = (FakeJson.OptionalArray(body, "keys") ?? throw FakeQdrantErrors.FormatError("missing field `keys`"))
            .Select(key => FakeJsonPath.Parse(FakeJson.String(key, "keys")))
            .ToList();
        return new FakeDeletePayload(keys, FakePointSelector.Parse(body));
    }

    public override void Apply(FakeCollection collection, ulong operationId)
    {
        var (points, missing) = selector.Resolve(collection);
        foreach (var point in points)
        {
            foreach (var key in keys)
            {
                key.RemoveFrom(point.Payload);
            }
            point.Version = operationId;
        }
        FakePointSelector.ThrowIfMissing(missing);
    }
}

internal sealed class FakeClearPayload(FakePointSelector selector) : FakeUpdateOperation
{
    public override void Apply(FakeCollection collection, ulong operationId)
    {
        var (points, missing) = selector.Resolve(collection);
        foreach (var point in points)
        {
            point.Payload = [];
            point.Version = operationId;
        }
        FakePointSelector.ThrowIfMissing(missing);
    }
}

/// <summary><c>update_vectors</c>: the given named vectors replace those names, the point's other vectors stay.</summary>
internal sealed class FakeUpdateVectors(List<(FakePointId Id, Dictionary<string, FakeVectorInput> Vectors)> points, FakeFilter? updateFilter) : FakeUpdateOperation
{
    public static FakeUpdateVectors Parse(JsonObject body)
    {
        var list = FakeJson.OptionalArray(body, "points") ?? throw FakeQdrantErrors.FormatError("missing field `points`");
        var points = new List<(FakePointId, Dictionary<string, FakeVectorInput>)>();
        for (var i = 0; i < list.Count; i++)
        {
            var point = FakeJson.Object(list[i], $"points[{i}]");
            var id = point["id"] is { } idNode ? FakePointId.FromJson(idNode) : throw FakeQdrantErrors.FormatError("missing field `id`");
            points.Add((id, ParseVectors(point["vector"], $"points[{i}].vector")));
        }
        return new FakeUpdateVectors(points, FakeFilterParser.ParseOptional(body, "update_filter"));
    }

    public override void Apply(FakeCollection collection, ulong operationId)
    {
        var prepared = points.Select(point => (point.Id, Vectors: Conform(collection.Config, point.Vectors))).ToList();
        var missing = new List<FakePointId>();
        foreach (var (id, vectors) in prepared)
        {
            if (collection.Find(id) is not { } point)
            {
                missing.Add(id);
                continue;
            }
            if (updateFilter is not null && !updateFilter.Matches(point))
            {
                continue;
            }
            foreach (var (name, vector) in vectors)
            {
                collection.SetVector(point, name, vector);
            }
            point.Version = operationId;
        }
        FakePointSelector.ThrowIfMissing(missing);
    }
}

/// <summary><c>delete_vectors</c>: removes the named vectors from the selected points; an unknown name is Qdrant's error.</summary>
internal sealed class FakeDeleteVectors(List<string> names, FakePointSelector selector) : FakeUpdateOperation
{
    public static FakeDeleteVectors Parse(JsonObject body)
    {
        var names = (FakeJson.OptionalArray(body, "vector") ?? throw FakeQdrantErrors.FormatError("missing field `vector`"))
            .Select(name => FakeJson.String(name, "vector"))
            .ToList();
        return new FakeDeleteVectors(names, FakePointSelector.Parse(body));
    }

    public override void Apply(FakeCollection collection, ulong operationId)
    {
        foreach (var name in names)
        {
            if (!collection.Config.Dense.ContainsKey(name) && !collection.Config.Sparse.ContainsKey(name))
            {
                throw FakeQdrantErrors.VectorNameNotExists(name);
            }
        }
        var (points, missing) = selector.Resolve(collection);
        foreach (var point in points)
        {
            foreach (var name in names)
            {
                collection.RemoveVector(point, name);
            }
            point.Version = operationId;
        }
        FakePointSelector.ThrowIfMissing(missing);
    }
}
