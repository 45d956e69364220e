using Microsoft.Data.Sqlite;
using NewsBot.Domain;
using NewsBot.Index.Dense;
using NewsBot.Index.Embeddings;
using NewsBot.Index.Sqlite.Schema;
using NewsBot.Testing;
using static NewsBot.Index.Sqlite.Tests.TestData;

namespace NewsBot.Index.Sqlite.Tests;

/// <summary>Vectors in the SQLite file: written with their document, cached by (model, text hash), loaded into a dense index.</summary>
public class EmbeddingStorageTests : IndexTestBase
{
    private static readonly EmbeddingModelInfo Model = new("hashing-test", 64);
    private readonly HashingTestEmbeddingGenerator _model = new("hashing-test", 64);

    private static readonly StoryRecord Robots = Story("Humanoid robots ship", "Figure ships humanoid robots to factories. The robots walk.", date: Day(2025, 3, 1));
    private static readonly StoryRecord Chips = Story("New AI chips", "Nvidia announces faster GPU chips. Datacenters buy them.", date: Day(2024, 5, 2));

    /// <summary>Each passage embedded as one text (the passage), as the ingest step would hand them over.</summary>
    private StoryRecord Embedded(StoryRecord story, EmbeddingModelInfo? model = null) => story with
    {
        Passages = story.Passages.Select(p => p with
        {
            Vectors = [new PassageVector(0, EmbeddedTextKind.Passage, TextHash.Of(p.Text), Vector(p.Text, model))],
        }).ToList(),
    };

    private float[] Vector(string text, EmbeddingModelInfo? model = null) =>
        model is null || model.Dimensions == Model.Dimensions ? _model.Embed(text) : new float[model.Dimensions];

    [Fact]
    public async Task Vectors_written_with_a_document_load_into_a_searchable_dense_index()
    {
        await Index.ReplaceDocumentAsync(Document("a.md"), [Embedded(Robots), Embedded(Chips)], Model);

        var dense = await Index.LoadDenseIndexAsync(Model);
        var hits = dense.Search(_model.Embed("humanoid robots in factories"), 3);

        Assert.Equal(4, dense.Count);
        Assert.Equal(Robots.Id, hits[0].StoryId);
        Assert.Equal(Passage.MakeId(Robots.Id, 0), hits[0].PassageId);
        var state = await Index.GetEmbeddingStateAsync();
        Assert.Equal(Model, state.Model);
        Assert.Equal(0, state.PassagesWithoutVectors);
        Assert.Equal(state.Generation, dense.Generation);
    }

    [Fact]
    public async Task The_dense_index_holds_only_canonical_passages_and_filters_by_story()
    {
        var shortTelling = Robots with { Text = "Figure ships humanoid robots to factories.", Passages = Sentences("Figure ships humanoid robots to factories.") };
        await Index.ReplaceDocumentAsync(Document("long.md", publication: "Last Week in AI"), [Embedded(Robots)], Model);
        await Index.ReplaceDocumentAsync(Document("short.md", publication: "The Batch"), [Embedded(shortTelling), Embedded(Chips)], Model);

        var dense = await Index.LoadDenseIndexAsync(Model);
        var recent = dense.Search(_model.Embed("chips robots"), 10, new DenseSearchOptions { Filter = new SearchFilter { From = Day(2025, 1, 1) } });

        Assert.Equal(Robots.Passages.Count + Chips.Passages.Count, dense.Count);
        Assert.All(recent, h => Assert.Equal(Robots.Id, h.StoryId));
    }

    [Fact]
    public async Task A_document_embedded_with_another_model_is_refused_and_nothing_is_written()
    {
        await Index.ReplaceDocumentAsync(Document("a.md"), [Embedded(Robots)], Model);
        var other = new EmbeddingModelInfo("bge-small-en-v1.5", 384);
        var before = await Index.GetStatsAsync();

        var error = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() =>
            Index.ReplaceDocumentAsync(Document("b.md"), [Embedded(Chips, other)], other));

        Assert.Equal(
            $"This index was embedded with 'hashing-test' (64 dimensions); the configuration asks for 'bge-small-en-v1.5' (384). " +
            $"Re-embed with: ./newsbot ingest --reembed <folders> (or delete {Index.Path}).", error.Message);
        Assert.Equal(before.Documents, (await Index.GetStatsAsync()).Documents);
        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => Index.LoadDenseIndexAsync(other));
    }

    [Fact]
    public async Task A_bad_vector_midway_rolls_the_whole_document_back()
    {
        await Index.ReplaceDocumentAsync(Document("a.md"), [Embedded(Robots)], Model);
        var stateBefore = await Index.GetEmbeddingStateAsync();
        var statsBefore = await Index.GetStatsAsync();
        var broken = Embedded(Chips) with
        {
            Passages = [Embedded(Chips).Passages[0], Chips.Passages[1] with { Vectors = [new PassageVector(0, EmbeddedTextKind.Passage, "x", new float[3])] }],
        };

        await Assert.ThrowsAsync<ArgumentException>(() => Index.ReplaceDocumentAsync(Document("a.md", hash: "changed"), [broken], Model));

        Assert.Equal(stateBefore, await Index.GetEmbeddingStateAsync());
        Assert.Equal(statsBefore.Passages, (await Index.GetStatsAsync()).Passages);
        Assert.Equal("hash-of-a.md", await Index.GetDocumentHashAsync("a.md"));
        Assert.Equal(Robots.Passages.Count, (await Index.LoadDenseIndexAsync(Model)).Count);
    }

    [Fact]
    public async Task Cached_vectors_outlive_their_document_until_pruned()
    {
        await Index.ReplaceDocumentAsync(Document("a.md"), [Embedded(Robots)], Model);
        var hashes = Robots.Passages.Select(p => TextHash.Of(p.Text)).ToList();
        Assert.True(await Index.RemoveDocumentAsync("a.md"));

        var cached = await Index.GetCachedEmbeddingsAsync(Model.Id, hashes);
        Assert.Equal(hashes.Order(), cached.Keys.Order());
        Assert.Equal(_model.Embed(Robots.Passages[0].Text), cached[hashes[0]].ToArray());
        Assert.Empty(await Index.GetCachedEmbeddingsAsync("another-model", hashes));

        Assert.Equal(hashes.Count, await Index.PruneEmbeddingCacheAsync());
        Assert.Empty(await Index.GetCachedEmbeddingsAsync(Model.Id, hashes));
    }

    [Fact]
    public async Task Pruning_keeps_the_vectors_in_use()
    {
        await Index.ReplaceDocumentAsync(Document("a.md"), [Embedded(Robots)], Model);
        await Index.ReplaceDocumentAsync(Document("b.md"), [Embedded(Chips)], Model);
        await Index.RemoveDocumentAsync("b.md");

        Assert.Equal(Chips.Passages.Count, await Index.PruneEmbeddingCacheAsync());
        Assert.Equal(Robots.Passages.Count, (await Index.LoadDenseIndexAsync(Model)).Count);
    }

    [Fact]
    public async Task Re_embedding_replaces_every_passage_s_vectors_in_resumable_batches()
    {
        await Index.ReplaceDocumentAsync(Document("a.md"), [Embedded(Robots), Embedded(Chips)], Model);
        var other = new EmbeddingModelInfo("other", 2);

        await Index.ResetEmbeddingsAsync(other);
        var state = await Index.GetEmbeddingStateAsync();
        Assert.Equal(other, state.Model);
        Assert.Equal(4, state.PassagesWithoutVectors);
        Assert.Equal(0, (await Index.LoadDenseIndexAsync(other)).Count);

        var first = await Index.GetPassagesWithoutVectorsAsync(3);
        await Index.WritePassageVectorsAsync(other, first.Select(p => new StoredPassageVectors(p.PassageKey,
            [new PassageVector(0, EmbeddedTextKind.Passage, TextHash.Of(p.Text), new float[] { 1, p.Ordinal })])).ToList());
        var rest = await Index.GetPassagesWithoutVectorsAsync(10);

        Assert.Single(rest);
        Assert.DoesNotContain(rest, r => first.Any(f => f.PassageKey == r.PassageKey));
        Assert.Contains(rest[0].StoryTitle, new[] { Robots.Title, Chips.Title });
        Assert.Equal(3, (await Index.LoadDenseIndexAsync(other)).Count);
    }

    [Fact]
    public async Task A_lexical_only_index_loads_an_empty_dense_index_and_counts_its_passages_as_missing_vectors()
    {
        await Index.ReplaceDocumentAsync(Document("a.md"), [Robots]);

        var state = await Index.GetEmbeddingStateAsync();
        Assert.Null(state.Model);
        Assert.Equal(Robots.Passages.Count, state.PassagesWithoutVectors);
        Assert.Equal(0, (await Index.LoadDenseIndexAsync(Model)).Count);
    }

    [Fact]
    public async Task A_version_1_file_is_upgraded_in_place_and_keeps_its_documents()
    {
        await Index.DisposeAsync();
        File.Delete(DbPath);
        var v1 = Migrations.All.Where(m => m.Version == 1).ToList();
        await using (var old = await SqliteNewsIndex.OpenAsync(DbPath, null, v1, default))
            await old.ReplaceDocumentAsync(Document("a.md"), [Robots]);

        await ReopenAsync();

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DbPath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        Assert.Equal((long)Migrations.Latest, await version.ExecuteScalarAsync());
        Assert.Equal(Robots.Text, (await Index.GetStoryAsync(Robots.Id))!.Text);
        Assert.Equal(Robots.Passages.Count, (await Index.GetEmbeddingStateAsync()).PassagesWithoutVectors);

        var missing = await Index.GetPassagesWithoutVectorsAsync(10);
        await Index.WritePassageVectorsAsync(Model, missing.Select(p => new StoredPassageVectors(p.PassageKey,
            [new PassageVector(0, EmbeddedTextKind.Passage, TextHash.Of(p.Text), _model.Embed(p.Text))])).ToList());
        Assert.Equal(Model, (await Index.GetEmbeddingStateAsync()).Model);
        Assert.Equal(Robots.Id, (await Index.LoadDenseIndexAsync(Model)).Search(_model.Embed("robots"), 1)[0].StoryId);
    }
}
