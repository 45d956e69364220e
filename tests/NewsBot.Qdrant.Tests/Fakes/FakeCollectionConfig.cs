namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// A collection's configuration from <c>CreateCollection</c>: the vectors that shape search, and everything else stored so
/// <c>GET /collections/{name}</c> can echo it in <c>CollectionInfo.config</c> (defaults as Qdrant 1.19 reports them).
/// </summary>
internal sealed class FakeCollectionConfig
{
    private readonly Dictionary<string, FakeDenseVectorConfig> _dense = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeSparseVectorConfig> _sparse = new(StringComparer.Ordinal);
    private readonly JsonObject _params = [];
    private readonly JsonObject _hnsw = new()
    {
        ["m"] = 16,
        ["ef_construct"] = 100,
        ["full_scan_threshold"] = 10000,
        ["max_indexing_threads"] = 0,
        ["on_disk"] = false,
    };
    private readonly JsonObject _optimizers = new()
    {
        ["deleted_threshold"] = 0.2,
        ["vacuum_min_vector_number"] = 1000,
        ["default_segment_number"] = 0,
        ["max_segment_size"] = null,
        ["memmap_threshold"] = null,
        ["indexing_threshold"] = 10000,
        ["flush_interval_sec"] = 5,
        ["max_optimization_threads"] = null,
    };
    private readonly JsonObject _wal = new() { ["wal_capacity_mb"] = 32, ["wal_segments_ahead"] = 0, ["wal_retain_closed"] = 1 };
    private JsonNode? _quantization;
    private JsonObject? _metadata;
    private bool _hasSparseSection;

    private FakeCollectionConfig()
    {
    }

    /// <summary>The vectors were given as one unnamed <c>VectorParams</c>: its name is "" and points give it as a plain array.</summary>
    public bool SingleUnnamedVector { get; private set; }

    public IReadOnlyDictionary<string, FakeDenseVectorConfig> Dense => _dense;

    public IReadOnlyDictionary<string, FakeSparseVectorConfig> Sparse => _sparse;

    public static FakeCollectionConfig Parse(JsonObject? body)
    {
        var config = new FakeCollectionConfig();
        body ??= [];
        switch (body["vectors"])
        {
            case null:
                break;
            case JsonObject vectors when vectors.ContainsKey("size") || vectors.ContainsKey("distance"):
                config.SingleUnnamedVector = true;
                config._dense[""] = FakeDenseVectorConfig.Parse("", vectors);
                break;
            case JsonObject vectors:
                foreach (var (name, parameters) in vectors)
                {
                    config._dense[name] = FakeDenseVectorConfig.Parse(name, FakeJson.Object(parameters, $"vectors.{name}"));
                }
                break;
            default:
                throw FakeJson.TypeError(body["vectors"], "a map (vectors)");
        }
        var sparse = FakeJson.OptionalObject(body, "sparse_vectors");
        if (sparse is not null)
        {
            config._hasSparseSection = true;
            foreach (var (name, parameters) in sparse)
            {
                config._sparse[name] = FakeSparseVectorConfig.Parse(name, FakeJson.Object(parameters ?? new JsonObject(), $"sparse_vectors.{name}"));
            }
        }
        config._params["shard_number"] = FakeJson.OptionalInteger(body, "shard_number") ?? 1;
        if (FakeJson.OptionalString(body, "sharding_method") is { } shardingMethod)
        {
            config._params["sharding_method"] = shardingMethod;
        }
        config._params["replication_factor"] = FakeJson.OptionalInteger(body, "replication_factor") ?? 1;
        config._params["write_consistency_factor"] = FakeJson.OptionalInteger(body, "write_consistency_factor") ?? 1;
        config._params["on_disk_payload"] = FakeJson.OptionalBool(body, "on_disk_payload") ?? true;
        Merge(config._hnsw, FakeJson.OptionalObject(body, "hnsw_config"));
        Merge(config._optimizers, FakeJson.OptionalObject(body, "optimizers_config"));
        Merge(config._wal, FakeJson.OptionalObject(body, "wal_config"));
        config._quantization = body["quantization_config"]?.DeepClone();
        config._metadata = FakeJson.OptionalObject(body, "metadata")?.DeepClone().AsObject();
        return config;
    }

    /// <summary>
    /// <c>UpdateCollection</c>: metadata keys are merged, a null value removing its key (as the 1.19 API documents);
    /// the other diffs are merged into what info echoes.
    /// </summary>
    public void Update(JsonObject body)
    {
        if (FakeJson.OptionalObject(body, "metadata") is { } metadata)
        {
            _metadata ??= [];
            foreach (var (key, value) in metadata)
            {
                if (value is null)
                {
                    _metadata.Remove(key);
                }
                else
                {
                    _metadata[key] = value.DeepClone();
                }
            }
        }
        if (FakeJson.OptionalObject(body, "vectors") is { } vectors)
        {
            // VectorsConfigDiff: only storage and index settings change (size and distance cannot), so they are echoed only.
            foreach (var (name, diff) in vectors)
            {
                var dense = _dense.GetValueOrDefault(name)
                    ?? throw FakeQdrantErrors.BadInput(name.Length == 0 ? "Default vector params are not specified in config" : $"Vector params for {name} are not specified in config");
                Merge(dense.Echo, FakeJson.Object(diff, $"vectors.{name}"));
            }
        }
        Merge(_hnsw, FakeJson.OptionalObject(body, "hnsw_config"));
        Merge(_optimizers, FakeJson.OptionalObject(body, "optimizers_config"));
        Merge(_params, FakeJson.OptionalObject(body, "params"));
        if (body["quantization_config"] is { } quantization)
        {
            _quantization = quantization.DeepClone();
        }
        if (FakeJson.OptionalObject(body, "sparse_vectors") is { } sparse)
        {
            foreach (var (name, parameters) in sparse)
            {
                if (!_sparse.TryGetValue(name, out var existing))
                {
                    throw FakeQdrantErrors.BadInput($"Sparse vector `{name}` is not specified in collection config");
                }
                var merged = (JsonObject)existing.Echo.DeepClone();
                Merge(merged, FakeJson.Object(parameters, $"sparse_vectors.{name}"));
                _sparse[name] = FakeSparseVectorConfig.Parse(name, merged);
            }
        }
    }

    private static void Merge(JsonObject target, JsonObject? diff)
    {
        if (diff is null)
        {
            return;
        }
        foreach (var (key, value) in diff)
        {
            if (value is not null)
            {
                target[key] = value.DeepClone();
            }
        }
    }

    /// <summary><c>CollectionConfig</c> as <c>GET /collections/{name}</c> shows it.</summary>
    public JsonObject ToJson()
    {
        JsonNode vectors;
        if (SingleUnnamedVector)
        {
            vectors = _dense[""].Echo.DeepClone();
        }
        else
        {
            var named = new JsonObject();
            foreach (var (name, dense) in _dense)
            {
                named[name] = dense.Echo.DeepClone();
            }
            vectors = named;
        }
        var parameters = new JsonObject { ["vectors"] = vectors };
        foreach (var (key, value) in _params)
        {
            parameters[key] = value?.DeepClone();
        }
        if (_hasSparseSection || _sparse.Count > 0)
        {
            var sparse = new JsonObject();
            foreach (var (name, sparseConfig) in _sparse)
            {
                sparse[name] = sparseConfig.Echo.DeepClone();
            }
            parameters["sparse_vectors"] = sparse;
        }
        var config = new JsonObject
        {
            ["params"] = parameters,
            ["hnsw_config"] = _hnsw.DeepClone(),
            ["optimizer_config"] = _optimizers.DeepClone(),
            ["wal_config"] = _wal.DeepClone(),
            ["quantization_config"] = _quantization?.DeepClone(),
            ["strict_mode_config"] = new JsonObject { ["enabled"] = false },
        };
        if (_metadata is not null)
        {
            config["metadata"] = _metadata.DeepClone();
        }
        return config;
    }
}
