namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// One collection's data: points in id order (Qdrant's scroll order), payload indexes, the IDF statistics of its sparse
/// vectors, and the operation counter. Not thread-safe by itself: callers hold <see cref="Sync"/> (one lock per collection)
/// for every read and write.
/// </summary>
internal sealed class FakeCollection(string name, FakeCollectionConfig config)
{
    private readonly SortedDictionary<FakePointId, FakePoint> _points = [];
    private readonly Dictionary<string, FakePayloadIndex> _indexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeSparseStatistics> _sparseStatistics = new(StringComparer.Ordinal);
    private ulong _nextOperationId;

    public string Name { get; } = name;

    public FakeCollectionConfig Config { get; } = config;

    public object Sync { get; } = new();

    public int Count => _points.Count;

    /// <summary>All points in ascending id order.</summary>
    public IEnumerable<FakePoint> Points => _points.Values;

    public IReadOnlyDictionary<string, FakePayloadIndex> Indexes => _indexes;

    public FakePoint? Find(FakePointId id) => _points.GetValueOrDefault(id);

    /// <summary>Points from <paramref name="start"/> (inclusive) on, in id order.</summary>
    public IEnumerable<FakePoint> PointsFrom(FakePointId start) => _points.Values.SkipWhile(point => point.Id < start);

    /// <summary>The next operation's number; Qdrant's <c>operation_id</c> and the version of the points it writes.</summary>
    public ulong NextOperationId() => _nextOperationId++;

    /// <summary>Stores a new point or replaces one entirely (upsert replaces vectors and payload).</summary>
    public void Put(FakePoint point)
    {
        if (_points.TryGetValue(point.Id, out var old))
        {
            foreach (var vectorName in old.Vectors.Keys.ToList())
            {
                RemoveVector(old, vectorName);
            }
        }
        var vectors = point.Vectors.ToList();
        point.Vectors.Clear();
        foreach (var (vectorName, vector) in vectors)
        {
            SetVector(point, vectorName, vector);
        }
        _points[point.Id] = point;
    }

    public bool Delete(FakePointId id)
    {
        if (!_points.TryGetValue(id, out var point))
        {
            return false;
        }
        foreach (var vectorName in point.Vectors.Keys.ToList())
        {
            RemoveVector(point, vectorName);
        }
        return _points.Remove(id);
    }

    public void SetVector(FakePoint point, string vectorName, FakeVector vector)
    {
        RemoveVector(point, vectorName);
        point.Vectors[vectorName] = vector;
        if (vector is FakeSparseVector sparse)
        {
            SparseStatistics(vectorName).Add(sparse);
        }
    }

    public void RemoveVector(FakePoint point, string vectorName)
    {
        if (point.Vectors.Remove(vectorName, out var old) && old is FakeSparseVector sparse)
        {
            SparseStatistics(vectorName).Remove(sparse);
        }
    }

    public FakeSparseStatistics SparseStatistics(string vectorName)
    {
        if (!_sparseStatistics.TryGetValue(vectorName, out var statistics))
        {
            statistics = new FakeSparseStatistics();
            _sparseStatistics[vectorName] = statistics;
        }
        return statistics;
    }

    public void PutIndex(FakePayloadIndex index) => _indexes[index.Field] = index;

    public bool DeleteIndex(string field) => _indexes.Remove(field);

    /// <summary><c>CollectionInfo</c> (lib/collection/src/operations/types.rs): always green, optimizers ok, one segment.</summary>
    public JsonObject InfoJson()
    {
        var schema = new JsonObject();
        foreach (var (field, index) in _indexes)
        {
            schema[field] = index.ToInfoJson(_points.Values);
        }
        return new JsonObject
        {
            ["status"] = "green",
            ["optimizer_status"] = "ok",
            // Nothing is ever HNSW-indexed: the fake searches exactly, as a Qdrant collection under its indexing threshold does.
            ["indexed_vectors_count"] = 0,
            ["points_count"] = _points.Count,
            ["segments_count"] = 1,
            ["config"] = Config.ToJson(),
            ["payload_schema"] = schema,
            ["update_queue"] = new JsonObject { ["length"] = 0 },
        };
    }
}
