using NewsBot.Index;
using NewsBot.Index.Embeddings;
using NewsBot.Index.Feedback;
using NewsBot.Index.Sqlite;
using NewsBot.Ingestion;
using NewsBot.Ingestion.Embedding;
using NewsBot.Ingestion.Pipeline;
using NewsBot.Cli.Migration;
using NewsBot.Qdrant.Tests.Store;
using NewsBot.Testing;

namespace NewsBot.Qdrant.Tests.Live;

/// <summary>
/// The store against a real Qdrant (QDRANT_URL), each test in a collection of its own that it deletes afterwards:
/// what the fake stands in for everywhere else, checked against the service itself.
/// </summary>
public sealed class LiveQdrantTests : IAsyncLifetime
{
    private readonly HashingTestEmbeddingGenerator _embedder = new();
    private readonly TempDir _dir = new();
    private readonly List<string> _collections = [];

    private EmbeddingModelInfo Model => new("hashing-test", _embedder.Dimensions);

    private QdrantOptions Options()
    {
        var options = new QdrantOptions { Url = LiveQdrantFactAttribute.Url!, ApiKey = LiveQdrantFactAttribute.ApiKey, Collection = "newsbot-test-" + Guid.NewGuid().ToString("N")[..10] };
        _collections.Add(options.Collection);
        return options;
    }

    private IngestPipeline Pipeline(INewsIndex index) =>
        IngestPipeline.Create(index, new IngestionOptions(), PassageEmbedder.Create(_embedder, index, new IngestionOptions(), Model));

    [LiveQdrantFact]
    public async Task Ingest_search_rewrite_and_remove_on_a_real_Qdrant()
    {
        var options = Options();
        await using (var index = await QdrantNewsIndex.OpenAsync(options, Model))
        {
            var report = await Pipeline(index).IngestAsync([SharedData.Seeds]);
            Assert.True(report.Succeeded);
            Assert.Equal(5, (await index.GetStatsAsync()).Documents);

            var hits = await index.SearchLexicalAsync(QdrantStoreTests.Query("Trainium3 UltraServer"));
            Assert.Contains("Trainium3", hits[0].Story.Title + hits[0].Passage.Text);
            var meaning = await index.SearchByMeaningAsync(_embedder.Embed(hits[0].Story.Title), 3, SearchFilter.None);
            Assert.Equal(hits[0].Story.Id, meaning[0].StoryId);
            var hybrid = await index.SearchHybridAsync(new HybridQuery(Index.Lexical.LexicalAnalyzer.Analyze("Trainium3 UltraServer").ToList(), _embedder.Embed("Trainium3 UltraServer"), SearchFilter.None, 5));
            Assert.Equal(hybrid.Count, hybrid.Select(h => h.Story.Id).Distinct().Count());
            Assert.NotEmpty(await index.GetLatestStoriesAsync(new SearchFilter { From = new DateOnly(2025, 1, 1) }, 5));
            await index.Feedback.SaveAsync(new FeedbackEntry { AnswerId = "live", Rating = FeedbackRating.Up, Channel = "test", CreatedAt = DateTimeOffset.UtcNow });
            Assert.Equal(1, (await index.Feedback.SummarizeAsync(1)).Up);
        }
        // A restart, then the same and a withdrawn document: nothing duplicated, nothing left behind.
        await using (var restarted = await QdrantNewsIndex.OpenAsync(options, Model))
        {
            var before = await restarted.GetStatsAsync();
            Assert.Equal(5, (await Pipeline(restarted).IngestAsync([SharedData.Seeds])).Count(DocumentStatus.Unchanged));
            Assert.True(await restarted.RemoveDocumentAsync(SharedData.Seed("004")));
            Assert.True((await restarted.GetStatsAsync()).Passages < before.Passages);
            await Pipeline(restarted).IngestAsync([SharedData.Seeds]);
            var after = await restarted.GetStatsAsync();
            Assert.Equal((before.Documents, before.Stories, before.Passages), (after.Documents, after.Stories, after.Passages));
        }
    }

    [LiveQdrantFact]
    public async Task Migrating_an_embedded_index_into_a_real_Qdrant()
    {
        await using var embedded = await SqliteNewsIndex.OpenAsync(_dir.File("e.db"));
        await Pipeline(embedded).IngestAsync([SharedData.Seed("001"), SharedData.Seed("003")]);
        await using var qdrant = await QdrantNewsIndex.OpenAsync(Options(), Model);

        var report = await new IndexMigration(embedded, qdrant).RunAsync();
        Assert.Equal(2, report.Copied);
        Assert.Equal(2, (await new IndexMigration(embedded, qdrant).RunAsync()).AlreadyThere);
        var (e, q) = (await embedded.GetStatsAsync(), await qdrant.GetStatsAsync());
        Assert.Equal((e.Documents, e.Stories, e.Passages), (q.Documents, q.Stories, q.Passages));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (LiveQdrantFactAttribute.Url is { } url)
        {
            using var client = new HttpClient { BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/") };
            if (LiveQdrantFactAttribute.ApiKey is { } key) client.DefaultRequestHeaders.Add("api-key", key);
            foreach (var collection in _collections) await client.DeleteAsync("collections/" + collection);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
