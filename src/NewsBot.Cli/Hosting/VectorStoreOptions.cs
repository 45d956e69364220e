using NewsBot.Qdrant;

namespace NewsBot.Cli.Hosting;

/// <summary>Which store holds the index: the embedded SQLite file (one machine) or a Qdrant collection (scale-out).</summary>
public enum VectorStoreKind
{
    Embedded,
    Qdrant,
}

/// <summary>Configuration section <c>VectorStore</c>: the store's kind and, for Qdrant, where it is (<c>VectorStore:Qdrant</c>).</summary>
public sealed class VectorStoreOptions
{
    public const string Section = "VectorStore";

    public VectorStoreKind Kind { get; set; } = VectorStoreKind.Embedded;
    public QdrantOptions Qdrant { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        if (!Enum.IsDefined(Kind)) return [$"VectorStore:Kind must be Embedded or Qdrant (it is {Kind})."];
        return Kind == VectorStoreKind.Qdrant ? Qdrant.Validate() : [];
    }
}
