namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>A vector as a request gives it (<c>Vector</c>/<c>VectorInput</c>), before it meets the collection's config.</summary>
internal abstract class FakeVectorInput
{
    /// <summary>
    /// Reads a dense vector (array of numbers), a multivector (array of arrays) or a sparse one (<c>{indices, values}</c>).
    /// A sparse vector with unequal lengths or repeated indices fails Qdrant's <c>validate_sparse_vector_impl</c>, which
    /// runs while the body is validated: a 422. Documents, images and objects need Qdrant's inference, which the fake has not.
    /// </summary>
    public static FakeVectorInput Parse(JsonNode? node, string field)
    {
        switch (node)
        {
            case JsonArray array:
                // Read through one JsonElement copy: touching the array's nodes would build a node per number, which an
                // ingest of ~15,000 points with several 512-float vectors each cannot afford.
                var element = array.Deserialize<JsonElement>();
                if (element.GetArrayLength() > 0 && element[0].ValueKind == JsonValueKind.Array)
                {
                    var rows = element.EnumerateArray()
                        .Select(row => row.ValueKind == JsonValueKind.Array ? Floats(row, field) : throw TypeError(row, $"a sequence ({field})"))
                        .ToArray();
                    if (rows.Any(row => row.Length == 0))
                    {
                        throw FakeQdrantErrors.ValidationError(field, "MultiDenseVector cannot have zero dimension");
                    }
                    return new FakeMultiInput(rows);
                }
                return new FakeDenseInput(Floats(element, field));
            case JsonObject obj when obj.ContainsKey("indices") || obj.ContainsKey("values"):
                var indicesNode = FakeJson.OptionalArray(obj, "indices") ?? throw FakeQdrantErrors.FormatError("missing field `indices`");
                var valuesNode = FakeJson.OptionalArray(obj, "values") ?? throw FakeQdrantErrors.FormatError("missing field `values`");
                var indices = indicesNode.Select(index => FakeJson.Integer(index, $"{field}.indices")).ToArray();
                if (indices.Any(index => index is < 0 or > uint.MaxValue))
                {
                    throw FakeQdrantErrors.FormatError($"invalid value, expected u32 ({field}.indices)");
                }
                var values = Floats(valuesNode.Deserialize<JsonElement>(), $"{field}.values");
                if (indices.Length != values.Length)
                {
                    throw FakeQdrantErrors.ValidationError($"{field}.values", "must be the same length as indices");
                }
                if (indices.Distinct().Count() != indices.Length)
                {
                    throw FakeQdrantErrors.ValidationError($"{field}.indices", "must be unique");
                }
                return new FakeSparseInput(indices.Select(index => (uint)index).ToArray(), values);
            case JsonObject obj when obj.ContainsKey("text") || obj.ContainsKey("image") || obj.ContainsKey("object"):
                throw FakeQdrantErrors.NotImplementedByFake("Inference (documents, images, objects as vectors)");
            default:
                throw FakeQdrantErrors.FormatError($"data did not match any variant of untagged enum Vector ({field})");
        }
    }

    private static float[] Floats(JsonElement array, string field)
    {
        var values = new float[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            values[i++] = item.ValueKind == JsonValueKind.Number && item.TryGetSingle(out var value)
                ? value
                : throw TypeError(item, $"f32 ({field})");
        }
        return values;
    }

    private static FakeQdrantException TypeError(JsonElement item, string expected) =>
        FakeJson.TypeError(JsonNode.Parse(item.GetRawText()), expected);

    /// <summary>
    /// The vector as stored (or as a query is scored) under <paramref name="name"/>, checked as Qdrant checks it
    /// (lib/segment/src/common/mod.rs <c>check_vector_against_config</c>: every row's dimension first, then the kind) and
    /// preprocessed as Qdrant preprocesses it: Cosine vectors (every row of a multivector) normalised, sparse sorted by
    /// index. A single dense vector given for a multivector is a one-row multivector, as Qdrant's
    /// <c>TryFrom&lt;VectorInternal&gt; for MultiDenseVectorInternal</c> expands it.
    /// </summary>
    public FakeVector ConformTo(FakeCollectionConfig config, string name)
    {
        if (config.Dense.TryGetValue(name, out var dense))
        {
            return this switch
            {
                FakeSparseInput => throw FakeQdrantErrors.WrongSparse(),
                FakeDenseInput input when dense.IsMultivector => new FakeMultiVector([Preprocess(dense, input.Values)]),
                FakeDenseInput input => new FakeDenseVector(Preprocess(dense, input.Values)),
                FakeMultiInput input => ConformMulti(dense, input.Rows),
                _ => throw new InvalidOperationException(),
            };
        }
        if (config.Sparse.ContainsKey(name))
        {
            return this switch
            {
                FakeSparseInput input => new FakeSparseVector(input.Indices, input.Values),
                FakeMultiInput => throw FakeQdrantErrors.WrongMulti(),
                _ => throw FakeQdrantErrors.WrongSparse(),
            };
        }
        throw FakeQdrantErrors.VectorNameNotExists(name);
    }

    private static FakeMultiVector ConformMulti(FakeDenseVectorConfig config, float[][] rows)
    {
        // A ragged matrix fails first, measured against its first row (TypedMultiDenseVector::try_from_matrix).
        var width = rows[0].Length;
        foreach (var row in rows)
        {
            if (row.Length != width)
            {
                throw FakeQdrantErrors.WrongVectorDimension(width, row.Length);
            }
        }
        foreach (var row in rows)
        {
            if (row.Length != config.Size)
            {
                throw FakeQdrantErrors.WrongVectorDimension(config.Size, row.Length);
            }
        }
        if (!config.IsMultivector)
        {
            throw FakeQdrantErrors.WrongMulti();
        }
        return new FakeMultiVector(rows.Select(row => config.Distance == FakeDistance.Cosine ? FakeVectorMath.CosinePreprocess(row) : row).ToArray());
    }

    private static float[] Preprocess(FakeDenseVectorConfig config, float[] values)
    {
        if (values.Length != config.Size)
        {
            throw FakeQdrantErrors.WrongVectorDimension(config.Size, values.Length);
        }
        return config.Distance == FakeDistance.Cosine ? FakeVectorMath.CosinePreprocess(values) : values;
    }
}

internal sealed class FakeDenseInput(float[] values) : FakeVectorInput
{
    public float[] Values { get; } = values;
}

internal sealed class FakeMultiInput(float[][] rows) : FakeVectorInput
{
    public float[][] Rows { get; } = rows;
}

internal sealed class FakeSparseInput(uint[] indices, float[] values) : FakeVectorInput
{
    public uint[] Indices { get; } = indices;

    public float[] Values { get; } = values;
}
