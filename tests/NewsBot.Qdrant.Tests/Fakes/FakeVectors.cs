namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>A vector as the fake stores it: already preprocessed as Qdrant preprocesses it on insert.</summary>
internal abstract class FakeVector
{
    /// <summary>Its <c>VectorOutput</c> form.</summary>
    public abstract JsonNode ToJson();
}

/// <summary>A dense vector; normalised already when the vector's distance is Cosine.</summary>
internal sealed class FakeDenseVector(float[] values) : FakeVector
{
    public float[] Values { get; } = values;

    public override JsonNode ToJson() => FloatArray(Values);

    internal static JsonArray FloatArray(float[] values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add(JsonValue.Create(value));
        }
        return array;
    }
}

/// <summary>A multivector (max_sim): each row normalised already when the distance is Cosine.</summary>
internal sealed class FakeMultiVector(float[][] rows) : FakeVector
{
    public float[][] Rows { get; } = rows;

    public override JsonNode ToJson()
    {
        var array = new JsonArray();
        foreach (var row in Rows)
        {
            array.Add(FakeDenseVector.FloatArray(row));
        }
        return array;
    }
}

/// <summary>
/// A sparse vector, sorted by index as Qdrant sorts it on insert (<c>NamedVectors::preprocess</c>,
/// lib/segment/src/data_types/named_vectors.rs: "sort by indices to enable faster dot product and overlap checks").
/// </summary>
internal sealed class FakeSparseVector : FakeVector
{
    public FakeSparseVector(uint[] indices, float[] values)
    {
        var order = Enumerable.Range(0, indices.Length).OrderBy(i => indices[i]).ToArray();
        Indices = order.Select(i => indices[i]).ToArray();
        Values = order.Select(i => values[i]).ToArray();
    }

    public uint[] Indices { get; }

    public float[] Values { get; }

    public override JsonNode ToJson()
    {
        var indices = new JsonArray();
        foreach (var index in Indices)
        {
            indices.Add(JsonValue.Create(index));
        }
        return new JsonObject { ["indices"] = indices, ["values"] = FakeDenseVector.FloatArray(Values) };
    }
}
