using System.Text.Json;
using System.Text.Json.Nodes;
using NewsBot.Index.Embeddings;
using NewsBot.Qdrant.Api;
using NewsBot.Qdrant.Http;
using NewsBot.Qdrant.Sparse;
using static NewsBot.Qdrant.Reading.PayloadFields;

namespace NewsBot.Qdrant.Collections;

/// <summary>
/// The shape of NewsBot's collection: a named dense multivector <c>dense</c> (one row per embedded title or
/// sentence, scored by its best row, as the embedded store scores a passage), a sparse <c>bm25</c> with Qdrant's IDF
/// modifier, payload indexes on what filters and ordering read, and metadata naming the embedding model. Creates it
/// when missing; refuses one that is not NewsBot's or holds another model's vectors, saying what to do.
/// </summary>
internal static class CollectionSchema
{
    public const int Version = 1;

    /// <summary>Payload indexes: filters on the keywords, date ranges on <c>published</c>, newest-first on <c>recency</c>.</summary>
    public static readonly IReadOnlyList<(string Field, string Schema)> Indexes =
    [
        (PointType, "keyword"), (StoryId, "keyword"), (DocumentId, "keyword"), (Canonical, "bool"), (Ordinal, "integer"),
        (Publication, "keyword"), (PublicationKey, "keyword"), (Kind, "keyword"), (Published, "datetime"), (Recency, "integer"),
        (Terms, "keyword"), (TextHashes, "keyword"), (CreatedMs, "integer"),
    ];

    public static CreateCollection Create(EmbeddingModelInfo model, QdrantOptions options, Bm25SparseEncoder encoder) => new()
    {
        Vectors = new()
        {
            [DenseVectorName] = new VectorParams
            {
                Size = model.Dimensions,
                Distance = "Cosine",
                MultivectorConfig = new MultivectorConfig(),
                QuantizationConfig = options.QuantizeInt8 ? new QuantizationConfig { Scalar = new ScalarQuantization { Quantile = 0.99f, AlwaysRam = true } } : null,
                OnDisk = options.QuantizeInt8 ? true : null,
            },
        },
        SparseVectors = new() { [SparseVectorName] = new SparseVectorParams { Modifier = "idf" } },
        ShardNumber = options.ShardNumber,
        ReplicationFactor = options.ReplicationFactor,
        Metadata = Metadata(model, encoder),
    };

    public static JsonObject Metadata(EmbeddingModelInfo model, Bm25SparseEncoder encoder) => new()
    {
        ["newsbot_schema"] = Version,
        ["embedding_model"] = model.Id,
        ["embedding_dimensions"] = model.Dimensions,
        ["bm25_title_weight"] = encoder.TitleWeight,
        ["bm25_average_terms"] = encoder.AverageTerms,
    };

    /// <summary>The model whose vectors the collection holds, after checking it is NewsBot's collection.</summary>
    public static EmbeddingModelInfo Check(CollectionInfo info, string where)
    {
        var fix = $"Point VectorStore:Qdrant:Collection at another name (NewsBot creates it), or delete {where} and ingest again.";
        var metadata = info.Config?.Metadata;
        if (metadata?["newsbot_schema"]?.GetValueKind() != JsonValueKind.Number)
            throw new QdrantException($"{where} exists but was not made by NewsBot (its metadata has no newsbot_schema). {fix}");
        var schema = metadata["newsbot_schema"]!.GetValue<int>();
        if (schema > Version)
            throw new QdrantException($"{where} was made by a newer NewsBot (schema {schema}; this one knows {Version}). Update NewsBot, or {fix}");
        if (DenseParams(info) is not { } dense || dense.MultivectorConfig?.Comparator != "max_sim" || dense.Distance != "Cosine")
            throw new QdrantException($"{where} has no dense multivector '{DenseVectorName}' (Cosine, max_sim) as NewsBot makes it. {fix}");
        if (info.Config?.Params?.SparseVectors?.GetValueOrDefault(SparseVectorName) is not { Modifier: "idf" })
            throw new QdrantException($"{where} has no sparse vector '{SparseVectorName}' with the idf modifier. {fix}");
        var id = metadata["embedding_model"]?.GetValue<string>() ?? "unknown";
        return new EmbeddingModelInfo(id, dense.Size);
    }

    private static VectorParams? DenseParams(CollectionInfo info)
    {
        if (info.Config?.Params?.Vectors is not { ValueKind: JsonValueKind.Object } vectors || !vectors.TryGetProperty(DenseVectorName, out var dense)) return null;
        return dense.Deserialize(QdrantJson.Default.VectorParams);
    }
}
