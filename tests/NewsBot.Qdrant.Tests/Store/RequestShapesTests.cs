using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NewsBot.Domain;
using NewsBot.Index;
using NewsBot.Index.Embeddings;
using NewsBot.Qdrant.Api;
using NewsBot.Qdrant.Collections;
using NewsBot.Qdrant.Reading;
using NewsBot.Qdrant.Sparse;
using NewsBot.Qdrant.Tests.OpenApi;
using NewsBot.Qdrant.Writing;

namespace NewsBot.Qdrant.Tests.Store;

/// <summary>
/// Every kind of body the store sends, checked against Qdrant's OpenAPI description without a server (the fake Qdrant
/// checks the bodies actually sent as well).
/// </summary>
public sealed class RequestShapesTests
{
    private static readonly OpenApiRequestValidator Validator = OpenApiRequestValidator.Qdrant;

    [Fact]
    public void Creating_the_collection_and_its_indexes()
    {
        var create = CollectionSchema.Create(new EmbeddingModelInfo("use-lite", 512), new QdrantOptions { QuantizeInt8 = true, ShardNumber = 6, ReplicationFactor = 2 }, new Bm25SparseEncoder());
        AssertValid("PUT", "/collections/news", create, QdrantJson.Default.CreateCollection);
        foreach (var (field, schema) in CollectionSchema.Indexes)
            AssertValid("PUT", "/collections/news/index", new CreateFieldIndex { FieldName = field, FieldSchema = schema }, QdrantJson.Default.CreateFieldIndex);
    }

    [Fact]
    public void Writing_a_document_and_aligning_other_versions()
    {
        var document = new DocumentRecord { Path = "a.md", ContentHash = "h", Title = "T", Publication = "P", Kind = DocumentKind.Digest, Date = new DateOnly(2025, 1, 1) };
        var story = new StoryRecord
        {
            Id = "s", Title = "Title", Text = "Some text about chips.", Related = [new Link("r", "https://r")],
            Passages = [new PassageRecord(0, 0, 22, "Some text about chips.") { Vectors = [new PassageVector(0, EmbeddedTextKind.Title, "h0", new float[] { 0.5f, 0.5f })] }],
        };
        var other = new PointRecord<Points.PassagePayload>
        {
            Id = Points.PointIds.Passage("s:0", "b.md"),
            Payload = new Points.PassagePayload { StoryId = "s", DocumentId = Points.PointIds.Document("b.md"), DocumentPath = "b.md", TextLength = 999, Canonical = false, Title = "t", Text = "x y z" },
        };
        var plan = new DocumentChange(new Bm25SparseEncoder(), 256).Plan(document, 1, [story], ["s"], [other]);
        Assert.Contains(plan, o => o.UpdateVectors is not null);
        AssertValid("POST", "/collections/news/points/batch", new UpdateOperations { Operations = plan }, QdrantJson.Default.UpdateOperations);
    }

    [Fact]
    public void Searching_scrolling_and_counting()
    {
        var filter = SearchFilters.Canonical(new SearchFilter { From = new DateOnly(2025, 1, 1), Publications = ["P"], Kinds = [DocumentKind.Digest] },
            Condition.Empty("recency"), Condition.Ids([Points.PointIds.State]), Condition.Vector("dense"));
        var query = new QueryRequest
        {
            Prefetch =
            [
                new Prefetch { Query = QueryInput.Nearest(VectorValue.Of(Bm25SparseEncoder.EncodeQuery(["chip"]))), Using = "bm25", Filter = filter, Limit = 200 },
                new Prefetch { Query = QueryInput.Nearest(VectorValue.Multi([new float[] { 1, 0 }])), Using = "dense", Filter = filter, Limit = 30 },
            ],
            Query = QueryInput.Rrf,
            Filter = filter,
            GroupBy = "story_id",
            GroupSize = 1,
            Limit = 10,
            WithPayload = JsonSerializer.SerializeToNode(true),
        };
        AssertValid("POST", "/collections/news/points/query/groups", query, QdrantJson.Default.QueryRequest);
        query.GroupBy = null;
        query.GroupSize = null;
        AssertValid("POST", "/collections/news/points/query", query, QdrantJson.Default.QueryRequest);
        AssertValid("POST", "/collections/news/points/scroll",
            new ScrollRequest { Filter = filter, Limit = 5, WithPayload = new System.Text.Json.Nodes.JsonArray("title"), WithVector = false, OrderBy = new OrderBy { Key = "recency", Direction = "desc" } },
            QdrantJson.Default.ScrollRequest);
        AssertValid("POST", "/collections/news/points/count", new CountRequest { Filter = filter, Exact = true }, QdrantJson.Default.CountRequest);
        AssertValid("POST", "/collections/news/points", new RetrieveRequest { Ids = [Points.PointIds.State], WithPayload = JsonSerializer.SerializeToNode(true) }, QdrantJson.Default.RetrieveRequest);
    }

    private static void AssertValid<T>(string method, string path, T body, JsonTypeInfo<T> type)
    {
        var json = JsonSerializer.SerializeToNode(body, type);
        var violations = Validator.Validate(method, path, json);
        Assert.True(violations.Count == 0, $"{method} {path}:\n{string.Join("\n", violations)}\n{json}");
    }
}
