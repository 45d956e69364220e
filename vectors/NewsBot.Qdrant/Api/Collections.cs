using System.Text.Json;
using System.Text.Json.Nodes;

namespace NewsBot.Qdrant.Api;

/// <summary><c>PUT collections/{name}</c>.</summary>
public sealed class CreateCollection
{
    public Dictionary<string, VectorParams>? Vectors { get; set; }
    public Dictionary<string, SparseVectorParams>? SparseVectors { get; set; }
    public int? ShardNumber { get; set; }
    public int? ReplicationFactor { get; set; }
    public JsonObject? Metadata { get; set; }
}

public sealed class VectorParams
{
    public int Size { get; set; }
    public string Distance { get; set; } = "Cosine";
    public MultivectorConfig? MultivectorConfig { get; set; }
    public QuantizationConfig? QuantizationConfig { get; set; }
    /// <summary>Keep the float vectors on disk (memory-mapped): with int8 copies in RAM, they are read only to re-score.</summary>
    public bool? OnDisk { get; set; }
}

public sealed class MultivectorConfig
{
    public string Comparator { get; set; } = "max_sim";
}

public sealed class QuantizationConfig
{
    public ScalarQuantization? Scalar { get; set; }
}

public sealed class ScalarQuantization
{
    public string Type { get; set; } = "int8";
    public float? Quantile { get; set; }
    /// <summary>Deprecated in 1.19 for <c>memory</c>, but understood by every Qdrant that has the Query API (1.10 on).</summary>
    public bool? AlwaysRam { get; set; }
}

public sealed class SparseVectorParams
{
    public string? Modifier { get; set; }
}

/// <summary><c>PUT collections/{name}/index</c>.</summary>
public sealed class CreateFieldIndex
{
    public required string FieldName { get; set; }
    public required string FieldSchema { get; set; }
}

/// <summary>What <c>GET collections/{name}</c> says that NewsBot checks.</summary>
public sealed class CollectionInfo
{
    public string? Status { get; set; }
    public long? PointsCount { get; set; }
    public CollectionConfig? Config { get; set; }
    public Dictionary<string, JsonElement>? PayloadSchema { get; set; }
}

public sealed class CollectionConfig
{
    public CollectionParams? Params { get; set; }
    public JsonObject? Metadata { get; set; }
}

public sealed class CollectionParams
{
    /// <summary>Named vectors (an object of <see cref="VectorParams"/>), or one unnamed vector's params: kept raw, told apart when checked.</summary>
    public JsonElement? Vectors { get; set; }
    public Dictionary<string, SparseVectorParams>? SparseVectors { get; set; }
}

public sealed class CollectionExistence
{
    public bool Exists { get; set; }
}
