using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsBot.Qdrant.Api;

/// <summary>Qdrant's <c>SparseVector</c>: term ids (unique) and their weights.</summary>
public sealed record SparseVector(uint[] Indices, float[] Values);

/// <summary>
/// A value of a named vector: one dense vector, several (a multivector, one row per embedded text), or a sparse
/// vector. Written as Qdrant expects each: <c>[…]</c>, <c>[[…], …]</c> or <c>{"indices", "values"}</c>.
/// </summary>
[JsonConverter(typeof(VectorValueConverter))]
public sealed class VectorValue
{
    private VectorValue(float[]? dense, IReadOnlyList<ReadOnlyMemory<float>>? rows, SparseVector? sparse) => (Dense, Rows, Sparse) = (dense, rows, sparse);

    public float[]? Dense { get; }
    public IReadOnlyList<ReadOnlyMemory<float>>? Rows { get; }
    public SparseVector? Sparse { get; }

    public static VectorValue Of(float[] dense) => new(dense, null, null);
    public static VectorValue Multi(IReadOnlyList<ReadOnlyMemory<float>> rows) => new(null, rows, null);
    public static VectorValue Of(SparseVector sparse) => new(null, null, sparse);
}

internal sealed class VectorValueConverter : JsonConverter<VectorValue>
{
    public override VectorValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object)
            return VectorValue.Of(new SparseVector(
                root.GetProperty("indices").EnumerateArray().Select(e => e.GetUInt32()).ToArray(),
                root.GetProperty("values").EnumerateArray().Select(e => e.GetSingle()).ToArray()));
        if (root.ValueKind != JsonValueKind.Array) throw new JsonException("A vector must be an array or a sparse vector object.");
        if (root.GetArrayLength() > 0 && root[0].ValueKind == JsonValueKind.Array)
            return VectorValue.Multi(root.EnumerateArray().Select(row => (ReadOnlyMemory<float>)row.EnumerateArray().Select(e => e.GetSingle()).ToArray()).ToList());
        return VectorValue.Of(root.EnumerateArray().Select(e => e.GetSingle()).ToArray());
    }

    public override void Write(Utf8JsonWriter writer, VectorValue value, JsonSerializerOptions options)
    {
        if (value.Sparse is { } sparse)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("indices");
            foreach (var index in sparse.Indices) writer.WriteNumberValue(index);
            writer.WriteEndArray();
            WriteFloats(writer, "values", sparse.Values);
            writer.WriteEndObject();
        }
        else if (value.Rows is { } rows)
        {
            writer.WriteStartArray();
            foreach (var row in rows) WriteFloats(writer, null, row.Span);
            writer.WriteEndArray();
        }
        else WriteFloats(writer, null, value.Dense);
    }

    internal static void WriteFloats(Utf8JsonWriter writer, string? name, ReadOnlySpan<float> values)
    {
        if (name is null) writer.WriteStartArray(); else writer.WriteStartArray(name);
        foreach (var v in values)
        {
            if (!float.IsFinite(v)) throw new JsonException("A vector holds a value that is not a finite number.");
            writer.WriteNumberValue(v);
        }
        writer.WriteEndArray();
    }
}
