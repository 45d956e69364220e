using System.Net.Http.Headers;
using NewsBot.Index.Embeddings;
using NewsBot.Ingestion;
using NewsBot.Ingestion.Embedding;
using NewsBot.Ingestion.Pipeline;
using NewsBot.Qdrant.Tests.Fakes;
using NewsBot.Qdrant.Tests.OpenApi;
using NewsBot.Testing;

namespace NewsBot.Qdrant.Tests.Store;

/// <summary>
/// A fake Qdrant (checking every body against Qdrant's OpenAPI description, and requiring an API key) for a test
/// class, and what the tests need around it: options for a fresh collection, a store over it, an ingest pipeline.
/// </summary>
public sealed class QdrantHarness : IAsyncLifetime
{
    public const string ApiKey = "test-api-key-5f2c";

    public FakeQdrant Server { get; private set; } = null!;
    public HashingTestEmbeddingGenerator Embedder { get; } = new();
    public EmbeddingModelInfo Model => new("hashing-test", Embedder.Dimensions);

    public async Task InitializeAsync() =>
        Server = await FakeQdrant.StartAsync(new FakeQdrantOptions { ApiKey = ApiKey, Validator = OpenApiRequestValidator.Qdrant });

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Options for a collection no other test uses.</summary>
    public QdrantOptions Options(string? collection = null) => new()
    {
        Url = Server.Url.ToString(),
        ApiKey = ApiKey,
        Collection = collection ?? "t" + Guid.NewGuid().ToString("N")[..10],
        TimeoutSeconds = 10,
        MaxRetries = 2,
    };

    public Task<QdrantNewsIndex> OpenAsync(QdrantOptions options, EmbeddingModelInfo? model = null, HttpMessageHandler? handler = null) =>
        QdrantNewsIndex.OpenAsync(options, model ?? Model, handler: handler);

    public IngestPipeline Pipeline(QdrantNewsIndex index, bool embed = true) =>
        IngestPipeline.Create(index, new IngestionOptions(), embed ? PassageEmbedder.Create(Embedder, index, new IngestionOptions(), Model) : null);

    /// <summary>A client for looking at the fake directly, as an operator would with curl.</summary>
    public HttpClient RawClient()
    {
        var client = new HttpClient { BaseAddress = Server.Url };
        client.DefaultRequestHeaders.Add("api-key", ApiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public void AssertEveryBodyValid() =>
        Assert.True(Server.SchemaViolations.Count == 0, "bodies that do not match Qdrant's OpenAPI description:\n" + string.Join("\n", Server.SchemaViolations.Take(10)));
}
