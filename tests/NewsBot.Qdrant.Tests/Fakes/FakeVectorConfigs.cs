namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>Qdrant's <c>Distance</c>.</summary>
internal enum FakeDistance
{
    Cosine,
    Euclid,
    Dot,
    Manhattan,
}

/// <summary>Which end of the score scale is better (Qdrant's <c>Order</c>).</summary>
internal enum FakeOrder
{
    LargeBetter,
    SmallBetter,
}

/// <summary>A named dense vector (<c>VectorParams</c>): size, distance, and whether it holds max_sim multivectors.</summary>
internal sealed class FakeDenseVectorConfig(string name, int size, FakeDistance distance, bool isMultivector, JsonObject echo)
{
    public string Name { get; } = name;

    public int Size { get; } = size;

    public FakeDistance Distance { get; } = distance;

    public bool IsMultivector { get; } = isMultivector;

    /// <summary>The parameters as given, echoed by collection info (quantization, on_disk, … are stored, not acted on).</summary>
    public JsonObject Echo { get; } = echo;

    /// <summary>Euclid and Manhattan scores are distances: smaller is better (<c>Distance::distance_order</c>).</summary>
    public FakeOrder Order => Distance is FakeDistance.Euclid or FakeDistance.Manhattan ? FakeOrder.SmallBetter : FakeOrder.LargeBetter;

    public static FakeDenseVectorConfig Parse(string name, JsonObject parameters)
    {
        var size = FakeJson.OptionalInteger(parameters, "size") ?? throw FakeQdrantErrors.FormatError("missing field `size`");
        if (size < 1)
        {
            throw FakeQdrantErrors.ValidationError(name.Length == 0 ? "vectors.size" : $"vectors.{name}.size", $"value {size} invalid, must be 1 or larger");
        }
        var distanceName = FakeJson.OptionalString(parameters, "distance") ?? throw FakeQdrantErrors.FormatError("missing field `distance`");
        if (!Enum.TryParse<FakeDistance>(distanceName, ignoreCase: false, out var distance))
        {
            throw FakeQdrantErrors.FormatError($"unknown variant `{distanceName}`, expected one of `Cosine`, `Euclid`, `Dot`, `Manhattan`");
        }
        var multivector = FakeJson.OptionalObject(parameters, "multivector_config");
        if (multivector is not null && FakeJson.OptionalString(multivector, "comparator") != "max_sim")
        {
            throw FakeQdrantErrors.FormatError("unknown variant, expected `max_sim`");
        }
        var echo = new JsonObject { ["size"] = size, ["distance"] = distanceName };
        foreach (var (key, value) in parameters)
        {
            if (key is not ("size" or "distance") && value is not null)
            {
                echo[key] = value.DeepClone();
            }
        }
        return new FakeDenseVectorConfig(name, (int)size, distance, multivector is not null, echo);
    }
}

/// <summary>A named sparse vector (<c>SparseVectorParams</c>): only the idf modifier changes results.</summary>
internal sealed class FakeSparseVectorConfig(string name, bool idf, JsonObject echo)
{
    public string Name { get; } = name;

    /// <summary><c>modifier: idf</c>: query weights are multiplied by the collection's IDF at search time.</summary>
    public bool Idf { get; } = idf;

    public JsonObject Echo { get; } = echo;

    public static FakeSparseVectorConfig Parse(string name, JsonObject parameters)
    {
        var modifier = FakeJson.OptionalString(parameters, "modifier");
        if (modifier is not (null or "none" or "idf"))
        {
            throw FakeQdrantErrors.FormatError($"unknown variant `{modifier}`, expected `none` or `idf`");
        }
        var echo = new JsonObject();
        foreach (var (key, value) in parameters)
        {
            if (value is not null)
            {
                echo[key] = value.DeepClone();
            }
        }
        return new FakeSparseVectorConfig(name, modifier == "idf", echo);
    }
}
