using System.Net;
using System.Text.Json.Nodes;
using NewsBot.Domain;
using NewsBot.Index;
using NewsBot.Index.Embeddings;
using NewsBot.Index.Feedback;
using NewsBot.Index.Lexical;
using NewsBot.Index.Sqlite;
using NewsBot.Ingestion;
using NewsBot.Ingestion.Pipeline;
using NewsBot.Qdrant.Http;
using NewsBot.Testing;

namespace NewsBot.Qdrant.Tests.Store;

/// <summary>The Qdrant store against the fake Qdrant: the collection, writes, reads and searches, as the embedded store behaves.</summary>
public sealed class QdrantStoreTests(QdrantHarness qdrant) : IClassFixture<QdrantHarness>, IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public async Task Opening_creates_the_collection_NewsBot_needs()
    {
        var options = qdrant.Options();
        await using var index = await qdrant.OpenAsync(options);

        using var client = qdrant.RawClient();
        var info = JsonNode.Parse(await client.GetStringAsync($"collections/{options.Collection}"))!["result"]!;
        var dense = info["config"]!["params"]!["vectors"]!["dense"]!;
        Assert.Equal(64, dense["size"]!.GetValue<int>());
        Assert.Equal("Cosine", dense["distance"]!.GetValue<string>());
        Assert.Equal("max_sim", dense["multivector_config"]!["comparator"]!.GetValue<string>());
        Assert.Equal("idf", info["config"]!["params"]!["sparse_vectors"]!["bm25"]!["modifier"]!.GetValue<string>());
        Assert.Equal("hashing-test", info["config"]!["metadata"]!["embedding_model"]!.GetValue<string>());
        var indexes = info["payload_schema"]!.AsObject();
        foreach (var (field, type) in new[] { ("story_id", "keyword"), ("document_id", "keyword"), ("publication", "keyword"), ("kind", "keyword"), ("published", "datetime") })
            Assert.Equal(type, indexes[field]!["data_type"]!.GetValue<string>());

        // Opening again finds it as it is.
        await using var again = await qdrant.OpenAsync(options);
        Assert.Equal(qdrant.Model, (await again.GetEmbeddingVersionAsync()).Model);
        qdrant.AssertEveryBodyValid();
    }

    [Fact]
    public async Task Int8_quantisation_and_sharding_settings_reach_a_new_collection()
    {
        var options = qdrant.Options();
        options.QuantizeInt8 = true;
        options.ShardNumber = 6;
        options.ReplicationFactor = 2;
        await using var index = await qdrant.OpenAsync(options);

        using var client = qdrant.RawClient();
        var config = JsonNode.Parse(await client.GetStringAsync($"collections/{options.Collection}"))!["result"]!["config"]!;
        var dense = config["params"]!["vectors"]!["dense"]!;
        Assert.Equal("int8", dense["quantization_config"]!["scalar"]!["type"]!.GetValue<string>());
        Assert.True(dense["on_disk"]!.GetValue<bool>());
        Assert.Equal((6, 2), (config["params"]!["shard_number"]!.GetValue<int>(), config["params"]!["replication_factor"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_collection_that_is_not_NewsBots_is_refused_with_what_to_do()
    {
        var options = qdrant.Options();
        using var client = qdrant.RawClient();
        var created = await client.PutAsync($"collections/{options.Collection}", Json("""{"vectors": {"size": 4, "distance": "Dot"}}"""));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        var e = await Assert.ThrowsAsync<QdrantException>(() => qdrant.OpenAsync(options));
        Assert.Contains("not made by NewsBot", e.Message);
        Assert.Contains("VectorStore:Qdrant:Collection", e.Message);
    }

    [Fact]
    public async Task A_model_of_another_size_is_refused_naming_the_fix()
    {
        var options = qdrant.Options();
        await (await qdrant.OpenAsync(options)).DisposeAsync();
        await using var index = await qdrant.OpenAsync(options, new EmbeddingModelInfo("other", 32));
        var other = new HashingTestEmbeddingGenerator("other", 32);
        var pipeline = IngestPipeline.Create(index, new IngestionOptions(), Ingestion.Embedding.PassageEmbedder.Create(other, index, new IngestionOptions(), new EmbeddingModelInfo("other", 32)));

        var e = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => pipeline.IngestAsync([SharedData.Seed("001")]));
        Assert.Contains("VectorStore:Qdrant:Collection", e.Message);
        var reembed = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => index.ResetEmbeddingsAsync(new EmbeddingModelInfo("other", 32)));
        Assert.Contains("vector size is fixed", reembed.Message);
    }

    [Fact]
    public async Task Seeds_ingest_and_read_back_as_the_embedded_store_reads_them()
    {
        await using var index = await qdrant.OpenAsync(qdrant.Options());
        await using var embedded = await SqliteNewsIndex.OpenAsync(_dir.File("e.db"));
        var report = await qdrant.Pipeline(index).IngestAsync([SharedData.Seeds]);
        await IngestPipeline.Create(embedded, new IngestionOptions()).IngestAsync([SharedData.Seeds]);

        Assert.True(report.Succeeded);
        var (q, e) = (await index.GetStatsAsync(), await embedded.GetStatsAsync());
        Assert.Equal((e.Documents, e.Stories, e.Passages), (q.Documents, q.Stories, q.Passages));
        Assert.Equal(e.Rows, q.Rows);

        foreach (var question in new[] { "Trainium3 UltraServer", "DeepSeek reasoning model", "Baidu Ernie" })
        {
            var hits = await index.SearchLexicalAsync(Query(question));
            var expected = await embedded.SearchLexicalAsync(Query(question));
            // BM25 here normalises by a fixed average length and Qdrant's IDF, so near ties may swap; the best stays near the top.
            Assert.Contains(expected[0].Story.Id, hits.Take(2).Select(h => h.Story.Id));
            Assert.Contains(hits[0].Story.Id, expected.Take(2).Select(h => h.Story.Id));
            var story = await index.GetStoryAsync(hits[0].Story.Id);
            Assert.Equal(await embedded.GetStoryAsync(hits[0].Story.Id), story, StoryComparer.Instance);
            Assert.Equal(await embedded.GetPassagesAsync(story!.Id), await index.GetPassagesAsync(story.Id));
        }
        var terms = LexicalAnalyzer.Analyze("Trainium3 chip").ToList();
        Assert.Equal((await embedded.GetTermStatisticsAsync(terms)).DocumentFrequencies, (await index.GetTermStatisticsAsync(terms)).DocumentFrequencies);
        qdrant.AssertEveryBodyValid();
    }

    [Fact]
    public async Task Ingesting_again_after_a_restart_duplicates_nothing()
    {
        var options = qdrant.Options();
        long points;
        await using (var index = await qdrant.OpenAsync(options))
        {
            await qdrant.Pipeline(index).IngestAsync([SharedData.Seeds]);
            points = qdrant.Server.PointCount(options.Collection);
        }
        await using (var restarted = await qdrant.OpenAsync(options))
        {
            var report = await qdrant.Pipeline(restarted).IngestAsync([SharedData.Seeds]);
            Assert.Equal(5, report.Count(DocumentStatus.Unchanged));
            Assert.Equal(points, qdrant.Server.PointCount(options.Collection));
            // Withdrawn and written again: the same points, no more.
            var document = SharedData.Seed("004");
            await restarted.RemoveDocumentAsync(document);
            Assert.True(qdrant.Server.PointCount(options.Collection) < points);
            await qdrant.Pipeline(restarted).IngestAsync([SharedData.Seeds]);
            Assert.Equal(points, qdrant.Server.PointCount(options.Collection));
            Assert.Equal(5, (await restarted.GetStatsAsync()).Documents);
        }
    }

    [Fact]
    public async Task A_changed_document_replaces_what_it_contributed()
    {
        await using var index = await qdrant.OpenAsync(qdrant.Options());
        var file = _dir.File("newsletter.txt");
        await File.WriteAllTextAsync(file, Newsletter(("Zorblax robots sort parcels", "Zorblax robots now sort parcels twice as fast in warehouses across Europe, the company said on Monday."),
            ("Quixotron chips ship", "Quixotron began shipping its new inference chips to cloud providers this week, ahead of schedule.")));
        await qdrant.Pipeline(index).IngestAsync([file]);
        Assert.NotEmpty(await index.SearchLexicalAsync(Query("Quixotron")));

        await File.WriteAllTextAsync(file, Newsletter(("Zorblax robots sort parcels", "Zorblax robots now sort parcels three times as fast in warehouses across Europe and Asia, the company said."),
            ("Flumberg raises funds", "Flumberg, a startup making speech models, raised new funding from investors this week to grow its team.")));
        var report = await qdrant.Pipeline(index).IngestAsync([file]);

        Assert.Equal(1, report.Count(DocumentStatus.Updated));
        Assert.Empty(await index.SearchLexicalAsync(Query("Quixotron")));
        Assert.NotEmpty(await index.SearchLexicalAsync(Query("Flumberg")));
        var zorblax = (await index.SearchLexicalAsync(Query("Zorblax"))).Single();
        Assert.Contains("three times", (await index.GetPassagesAsync(zorblax.Story.Id))[0].Text);
        Assert.Equal(2, (await index.GetStatsAsync()).Stories);
        qdrant.AssertEveryBodyValid();
    }

    [Fact]
    public async Task A_story_in_two_documents_is_stored_once_and_outlives_either()
    {
        await using var index = await qdrant.OpenAsync(qdrant.Options());
        var seed = SharedData.Seed("000");
        var digest = SharedData.Digest("2025-12-08-328.md");
        await qdrant.Pipeline(index).IngestAsync([digest]);
        var alone = await index.GetStatsAsync();
        await qdrant.Pipeline(index).IngestAsync([seed]);

        Assert.Equal(alone.Stories, (await index.GetStatsAsync()).Stories);
        var hits = await index.SearchLexicalAsync(Query("trainium3 ultraserver"));
        Assert.Equal(hits.Count, hits.Select(h => h.Story.Id).Distinct().Count());
        var story = (await index.GetStoryAsync(hits[0].Story.Id))!;
        Assert.Equal([digest, seed], story.Sources.Select(s => s.DocumentPath));  // dated first, as in the embedded store
        Assert.Equal(new DateOnly(2025, 12, 8), story.Date);

        Assert.True(await index.RemoveDocumentAsync(digest));
        var kept = (await index.GetStoryAsync(story.Id))!;
        Assert.Equal([seed], kept.Sources.Select(s => s.DocumentPath));
        Assert.Null(kept.Date);  // seed 000 states no date of its own
        Assert.Equal(story.Id, (await index.SearchLexicalAsync(Query("trainium3 ultraserver")))[0].Story.Id);
        Assert.False(await index.RemoveDocumentAsync(digest));
        qdrant.AssertEveryBodyValid();
    }

    [Fact]
    public async Task The_newest_stories_come_in_the_embedded_stores_order_and_filters_hold()
    {
        await using var index = await qdrant.OpenAsync(qdrant.Options());
        await using var embedded = await SqliteNewsIndex.OpenAsync(_dir.File("e.db"));
        string[] files = [SharedData.Seeds, .. Directory.GetFiles(SharedData.Digests, "2025-1*.md")];
        await qdrant.Pipeline(index).IngestAsync(files);
        await IngestPipeline.Create(embedded, new IngestionOptions()).IngestAsync(files);

        foreach (var filter in new[]
                 {
                     SearchFilter.None,
                     new SearchFilter { From = new DateOnly(2025, 11, 1), To = new DateOnly(2025, 11, 30) },
                     new SearchFilter { Publications = ["last week in ai"] },
                     new SearchFilter { Kinds = [DocumentKind.Newsletter, DocumentKind.Transcript] },
                 })
        {
            var expected = await embedded.GetLatestStoriesAsync(filter, 40);
            var latest = await index.GetLatestStoriesAsync(filter, 40);
            // Newest first, the same days; within a day both stores go by the document's order, but days that two
            // documents share interleave by place in Qdrant, while the embedded store lists one document after the other.
            Assert.Equal(expected.Select(s => s.Date), latest.Select(s => s.Date));
            var lastDay = expected[^1].Date;
            Assert.Equal(expected.Where(s => s.Date != lastDay).Select(s => s.Id).Order(), latest.Where(s => s.Date != lastDay).Select(s => s.Id).Order());
            Assert.Equal(expected[0].Id, latest[0].Id);

            var hits = await index.SearchLexicalAsync(Query("openai model", filter, 50));
            Assert.NotEmpty(hits);
            Assert.All(hits, h =>
            {
                if (filter.From is { } from) Assert.True(h.Story.Date >= from);
                if (filter.To is { } to) Assert.True(h.Story.Date <= to);
                if (filter.Publications is { } p) Assert.Contains(h.Story.Publication, p, StringComparer.OrdinalIgnoreCase);
                if (filter.Kinds is { } k) Assert.Contains(h.Story.Kind, k);
            });
        }
        // Undated stories come last: seed 000 alone has no date.
        await using var undated = await qdrant.OpenAsync(qdrant.Options());
        await qdrant.Pipeline(undated).IngestAsync([SharedData.Seed("000"), SharedData.Seed("001")]);
        var all = await undated.GetLatestStoriesAsync(SearchFilter.None, 1000);
        Assert.True(all.SkipWhile(s => s.Date is not null).All(s => s.Date is null));
        Assert.Contains(all, s => s.Date is null);
    }

    [Fact]
    public async Task Passages_ingested_without_vectors_get_them_at_the_next_ingest_with_a_model()
    {
        await using var index = await qdrant.OpenAsync(qdrant.Options());
        await qdrant.Pipeline(index, embed: false).IngestAsync([SharedData.Seed("001")]);
        var before = await index.GetEmbeddingStateAsync();
        Assert.True(before.PassagesWithoutVectors > 0);

        var report = await qdrant.Pipeline(index).IngestAsync([SharedData.Seed("001")]);

        Assert.Equal(before.PassagesWithoutVectors, report.StoredPassagesEmbedded);
        Assert.Equal(0, (await index.GetEmbeddingStateAsync()).PassagesWithoutVectors);
        var title = (await index.GetLatestStoriesAsync(SearchFilter.None, 1))[0].Title;
        var found = await index.SearchByMeaningAsync(qdrant.Embedder.Embed(title), 3, SearchFilter.None);
        Assert.Equal(title, (await index.GetStoryAsync(found[0].StoryId))!.Title);
        qdrant.AssertEveryBodyValid();
    }

    [Fact]
    public async Task Reingesting_an_edited_document_embeds_only_its_new_texts()
    {
        await using var index = await qdrant.OpenAsync(qdrant.Options());
        var file = _dir.File("edited.md");
        File.Copy(SharedData.Digest("2025-12-08-328.md"), file);
        await qdrant.Pipeline(index).IngestAsync([file]);

        var text = await File.ReadAllTextAsync(file);
        await File.WriteAllTextAsync(file, text + "\n\n#### [Zorblax unveils a robot](https://example.com/zorblax)\n\nZorblax unveiled a parcel-sorting robot on Monday.\n");
        var counting = new HashingTestEmbeddingGenerator();
        var pipeline = IngestPipeline.Create(index, new IngestionOptions(), Ingestion.Embedding.PassageEmbedder.Create(counting, index, new IngestionOptions(), qdrant.Model));
        var report = await pipeline.IngestAsync([file]);

        Assert.Equal(1, report.Count(DocumentStatus.Updated));
        Assert.InRange(counting.TextsEmbedded, 1, 3);  // the new story's title and sentence; the rest came from the points
        Assert.NotEmpty(await index.SearchLexicalAsync(Query("Zorblax")));
    }

    [Fact]
    public async Task Feedback_is_kept_in_the_collection_one_rating_per_answer()
    {
        await using var index = await qdrant.OpenAsync(qdrant.Options());
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await index.Feedback.SaveAsync(new FeedbackEntry { AnswerId = "a1", Rating = FeedbackRating.Up, Channel = "web", CreatedAt = at });
        await index.Feedback.SaveAsync(new FeedbackEntry { AnswerId = "a2", Rating = FeedbackRating.Up, Channel = "teams", Question = "q", CreatedAt = at.AddMinutes(1) });
        await index.Feedback.SaveAsync(new FeedbackEntry { AnswerId = "a1", Rating = FeedbackRating.Down, Comment = "wrong", Channel = "web", CreatedAt = at.AddMinutes(2) });

        var summary = await index.Feedback.SummarizeAsync(10);
        Assert.Equal((1, 1), (summary.Up, summary.Down));
        Assert.Equal(["a1", "a2"], summary.Recent.Select(e => e.AnswerId));
        Assert.Equal(("wrong", at.AddMinutes(2)), (summary.Recent[0].Comment, summary.Recent[0].CreatedAt));
        Assert.Equal(0, (await index.GetStatsAsync()).Stories);  // feedback points are not stories
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    internal static LexicalQuery Query(string text, SearchFilter? filter = null, int limit = 10) =>
        new(LexicalAnalyzer.Analyze(text).ToList(), filter ?? SearchFilter.None, limit);

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>A plain-text newsletter as the newsletter reader reads it: a title line, then headline and paragraph pairs.</summary>
    private static string Newsletter(params (string Headline, string Body)[] stories) =>
        "Robotics Weekly: the first week of January 2026\n\nThe first week of January 2026 brought these stories from the robotics world.\n\n"
        + string.Join("\n\n", stories.Select(s => s.Headline + "\n\n" + s.Body)) + "\n";

    /// <summary>Stories are equal when every field is; their lists are compared by content.</summary>
    private sealed class StoryComparer : IEqualityComparer<Story?>
    {
        public static readonly StoryComparer Instance = new();
        public bool Equals(Story? x, Story? y) =>
            x is not null && y is not null
            && (x with { SourceNames = [], Related = [], Sources = [] }) == (y with { SourceNames = [], Related = [], Sources = [] })
            && x.SourceNames.SequenceEqual(y.SourceNames) && x.Related.SequenceEqual(y.Related) && x.Sources.SequenceEqual(y.Sources);
        public int GetHashCode(Story? obj) => obj?.Id.GetHashCode() ?? 0;
    }
}
