namespace NewsBot.Index.Embeddings;

/// <summary>Which model made a set of vectors, and their length. Vectors of different models never mix in one index.</summary>
public sealed record EmbeddingModelInfo
{
    public EmbeddingModelInfo(string id, int dimensions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        Id = id;
        Dimensions = dimensions;
    }

    public string Id { get; }
    public int Dimensions { get; }

    public override string ToString() => $"'{Id}' ({Dimensions} dimensions)";
}
