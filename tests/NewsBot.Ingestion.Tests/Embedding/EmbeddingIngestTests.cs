using NewsBot.Index;
using NewsBot.Index.Embeddings;
using NewsBot.Index.Sqlite;
using NewsBot.Ingestion.Embedding;
using NewsBot.Ingestion.Pipeline;
using NewsBot.Testing;

namespace NewsBot.Ingestion.Tests.Embedding;

/// <summary>The ingest pipeline with an embedding step, against a real SQLite file and a fake model that counts its calls.</summary>
public sealed class EmbeddingIngestTests : IAsyncLifetime
{
    private static readonly string[] Digests = ["2024-08-12-283.md", "2023-09-04-235.md"];
    private readonly TempDir _dir = new();
    private readonly HashingTestEmbeddingGenerator _model = new("hashing-test", 64);
    private SqliteNewsIndex _index = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _index = await SqliteNewsIndex.OpenAsync(_dir.File("index.db"));
        _folder = Directory.CreateDirectory(_dir.File("docs")).FullName;
        foreach (var f in Digests) File.Copy(SharedData.Digest(f), Path.Combine(_folder, f));
    }

    public async Task DisposeAsync()
    {
        await _index.DisposeAsync();
        _dir.Dispose();
    }

    private IngestPipeline Pipeline(HashingTestEmbeddingGenerator? model = null, IngestionOptions? options = null)
    {
        options ??= new IngestionOptions();
        return IngestPipeline.Create(_index, options, PassageEmbedder.Create(model ?? _model, _index, options));
    }

    [Fact]
    public async Task Every_passage_gets_vectors_in_batches_and_the_dense_index_finds_a_story()
    {
        var report = await Pipeline(options: new IngestionOptions { EmbeddingBatchSize = 16 }).IngestAsync([_folder]);

        Assert.True(report.Succeeded);
        var state = await _index.GetEmbeddingStateAsync();
        Assert.Equal(new EmbeddingModelInfo("hashing-test", 64), state.Model);
        Assert.Equal(0, state.PassagesWithoutVectors);
        Assert.Equal(_model.TextsEmbedded, report.TextsEmbedded);
        Assert.True(_model.Calls >= report.TextsEmbedded / 16);

        var dense = await _index.LoadDenseIndexAsync(state.Model!);
        var hit = dense.Search(_model.Embed("TII unveils Falcon Mamba 7B"), 1, new Index.Dense.DenseSearchOptions { GroupByStory = true }).Single();
        Assert.StartsWith("TII Unveils Falcon Mamba", (await _index.GetStoryAsync(hit.StoryId))!.Title);
    }

    [Fact]
    public async Task Ingesting_the_same_texts_again_calls_the_model_zero_times()
    {
        await Pipeline().IngestAsync([_folder]);
        var calls = _model.Calls;

        var unchanged = await Pipeline().IngestAsync([_folder]);
        Assert.Equal(2, unchanged.Count(DocumentStatus.Unchanged));
        Assert.Equal(calls, _model.Calls);

        // Withdrawn and ingested again: the texts are the same, so the cache answers for all of them.
        foreach (var f in Digests) await _index.RemoveDocumentAsync(Path.Combine(_folder, f));
        var again = await Pipeline().IngestAsync([_folder]);
        Assert.Equal(2, again.Count(DocumentStatus.Added));
        Assert.Equal(0, again.TextsEmbedded);
        Assert.Equal(calls, _model.Calls);
        Assert.Equal(0, (await _index.GetEmbeddingStateAsync()).PassagesWithoutVectors);
    }

    [Fact]
    public async Task An_edited_document_embeds_only_its_new_texts()
    {
        var path = Path.Combine(_folder, Digests[0]);
        await Pipeline().IngestAsync([path]);
        var before = _model.TextsEmbedded;

        await File.AppendAllTextAsync(path, "\n\n#### [Brand new story about quantum llamas](https://example.com/llamas)\n\nQuantum llamas learn to sort large lists quickly.\n");
        var report = await Pipeline().IngestAsync([path]);

        Assert.Equal(DocumentStatus.Updated, Assert.Single(report.Documents).Status);
        Assert.InRange(report.TextsEmbedded, 1, 3);
        Assert.Equal(before + report.TextsEmbedded, _model.TextsEmbedded);
    }

    [Fact]
    public async Task A_different_model_is_refused_with_the_command_to_re_embed()
    {
        await Pipeline().IngestAsync([_folder]);
        var other = new HashingTestEmbeddingGenerator("bge-small-en-v1.5", 384);

        var error = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => Pipeline(other).IngestAsync([_folder]));

        Assert.Equal(
            "This index was embedded with 'hashing-test' (64 dimensions); the configuration asks for 'bge-small-en-v1.5' (384). " +
            $"Re-embed with: ./newsbot ingest --reembed <folders> (or delete {_index.Path}).", error.Message);
        Assert.Equal(0, other.Calls);
    }

    [Fact]
    public async Task Re_embedding_switches_the_model_for_every_stored_passage()
    {
        await Pipeline().IngestAsync([_folder]);
        var other = new HashingTestEmbeddingGenerator("other-model", 32);

        var report = await Pipeline(other).ReembedAsync([_folder]);

        Assert.True(report.Succeeded);
        var state = await _index.GetEmbeddingStateAsync();
        Assert.Equal(new EmbeddingModelInfo("other-model", 32), state.Model);
        Assert.Equal(0, state.PassagesWithoutVectors);
        Assert.Equal((await _index.GetStatsAsync()).Passages, report.StoredPassagesEmbedded);
        Assert.True((await _index.LoadDenseIndexAsync(state.Model!)).Count > 0);

        // Back to the first model: its vectors are still cached, so nothing is computed.
        var calls = _model.Calls;
        await Pipeline().ReembedAsync([_folder]);
        Assert.Equal(calls, _model.Calls);
        Assert.Equal(new EmbeddingModelInfo("hashing-test", 64), (await _index.GetEmbeddingStateAsync()).Model);
    }

    [Fact]
    public async Task An_index_ingested_without_a_model_gets_its_vectors_when_one_is_configured()
    {
        await IngestPipeline.Create(_index, new IngestionOptions()).IngestAsync([_folder]);
        Assert.Null((await _index.GetEmbeddingStateAsync()).Model);

        var progress = new List<IngestProgress>();
        var report = await Pipeline().IngestAsync([_folder], new SynchronousProgress(progress));

        Assert.Equal(2, report.Count(DocumentStatus.Unchanged));
        Assert.Equal(0, (await _index.GetEmbeddingStateAsync()).PassagesWithoutVectors);
        Assert.True(report.StoredPassagesEmbedded > 0);
        Assert.Contains(progress, p => p.StoredPassagesToEmbed > 0 && p.TextsEmbedded > 0);
    }

    [Fact]
    public async Task A_model_failing_on_one_document_leaves_it_out_and_the_rest_ingests()
    {
        var failing = Path.Combine(_folder, Digests[0]);
        var before = await _index.GetStatsAsync();
        _model.FailOn = "Falcon Mamba";

        var report = await Pipeline().IngestAsync([_folder]);

        var failure = Assert.Single(report.Failures);
        Assert.Equal(failing, failure.Path);
        Assert.StartsWith("embedding failed:", failure.Error);
        Assert.Null(await _index.GetDocumentHashAsync(failing));
        Assert.Equal(before.Documents + 1, (await _index.GetStatsAsync()).Documents);
        Assert.Equal(0, (await _index.GetEmbeddingStateAsync()).PassagesWithoutVectors);

        _model.FailOn = null;
        var retry = await Pipeline().IngestAsync([_folder]);
        Assert.True(retry.Succeeded);
        Assert.Equal(1, retry.Count(DocumentStatus.Added));
    }

    [Fact]
    public async Task Progress_is_reported_while_a_document_is_embedded()
    {
        var progress = new List<IngestProgress>();
        await Pipeline(options: new IngestionOptions { EmbeddingBatchSize = 8 }).IngestAsync([Path.Combine(_folder, Digests[0])], new SynchronousProgress(progress));

        var during = progress.Where(p => p.Current is not null && p.TextsEmbedded > 0).Select(p => p.TextsEmbedded).ToList();
        Assert.True(during.Count > 1);
        Assert.Equal(during.Order(), during);
    }

    [Fact]
    public async Task Without_a_model_the_index_stays_lexical_only()
    {
        await IngestPipeline.Create(_index, new IngestionOptions()).IngestAsync([_folder]);

        var state = await _index.GetEmbeddingStateAsync();
        Assert.Null(state.Model);
        Assert.True(state.PassagesWithoutVectors >= (await _index.GetStatsAsync()).Passages);
        await Assert.ThrowsAsync<InvalidOperationException>(() => IngestPipeline.Create(_index, new IngestionOptions()).ReembedAsync([_folder]));
    }

    /// <summary>Records reports as they happen (Progress&lt;T&gt; would post them later, to the thread pool).</summary>
    private sealed class SynchronousProgress(List<IngestProgress> reports) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => reports.Add(value);
    }
}
