using NewsBot.Domain;
using NewsBot.Index;
using NewsBot.Index.Sqlite;
using NewsBot.Ingestion.Pipeline;
using NewsBot.Testing;

namespace NewsBot.Ingestion.Tests.Pipeline;

/// <summary>The pipeline against a real SQLite file: idempotency, replacement, bad files, cross-document dedupe.</summary>
public sealed class IngestPipelineTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private INewsIndex _index = null!;
    private IngestPipeline _pipeline = null!;

    public async Task InitializeAsync()
    {
        _index = await SqliteNewsIndex.OpenAsync(_dir.File("index.db"));
        _pipeline = IngestPipeline.Create(_index, new IngestionOptions());
    }

    public async Task DisposeAsync()
    {
        await _index.DisposeAsync();
        _dir.Dispose();
    }

    private string Copy(string source, string? name = null)
    {
        var target = _dir.File(name ?? Path.GetFileName(source));
        File.Copy(source, target, overwrite: true);
        return target;
    }

    [Fact]
    public async Task Ingesting_unchanged_documents_again_changes_nothing()
    {
        var folder = Directory.CreateDirectory(_dir.File("docs")).FullName;
        foreach (var f in new[] { "2024-08-12-283.md", "2023-09-04-235.md" }) File.Copy(SharedData.Digest(f), Path.Combine(folder, f));

        var first = await _pipeline.IngestAsync([folder]);
        var before = await _index.GetStatsAsync();
        var second = await _pipeline.IngestAsync([folder]);

        Assert.Equal(2, first.Count(DocumentStatus.Added));
        Assert.Equal(2, second.Count(DocumentStatus.Unchanged));
        Assert.Equal(before, await _index.GetStatsAsync(), new StatsComparer());
    }

    [Fact]
    public async Task A_changed_document_replaces_its_stories()
    {
        var path = Copy(SharedData.Digest("2024-08-12-283.md"));
        await _pipeline.IngestAsync([path]);
        var removed = (await SearchAsync("TII unveils falcon mamba")).First(h => h.Story.Title.StartsWith("TII Unveils Falcon Mamba 7B")).Story.Id;

        var text = await File.ReadAllTextAsync(path);
        var cut = text.IndexOf("#### [Figure", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, text[..text.IndexOf("#### [TII", StringComparison.Ordinal)] + text[cut..]);
        var report = await _pipeline.IngestAsync([path]);

        Assert.Equal(DocumentStatus.Updated, Assert.Single(report.Documents).Status);
        Assert.Null(await _index.GetStoryAsync(removed));
        Assert.DoesNotContain(await SearchAsync("TII unveils falcon mamba"), h => h.Story.Id == removed);
        Assert.NotEmpty(await SearchAsync("figure humanoid robot"));
    }

    [Fact]
    public async Task A_malformed_file_is_reported_and_skipped_while_the_rest_ingests()
    {
        var folder = Directory.CreateDirectory(_dir.File("mixed")).FullName;
        File.Copy(SharedData.Digest("2024-08-12-283.md"), Path.Combine(folder, "2024-08-12-283.md"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "broken.md"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x1A]);
        await File.WriteAllTextAsync(Path.Combine(folder, "unclosed.md"), "---\ntitle: \"Last Week in AI #9\"\npermalink: /x\n\n#### [A](https://a.b)\nbody");

        var report = await _pipeline.IngestAsync([folder, _dir.File("does-not-exist")]);

        Assert.False(report.Succeeded);
        Assert.Equal(1, report.Count(DocumentStatus.Added));
        var failures = report.Failures.ToDictionary(f => Path.GetFileName(f.Path), f => f.Error);
        Assert.Contains("binary", failures["broken.md"]);
        Assert.False(string.IsNullOrWhiteSpace(failures["unclosed.md"]));
        Assert.Equal("no such file or folder", failures["does-not-exist"]);
        Assert.NotEmpty(await SearchAsync("falcon mamba"));
    }

    [Fact]
    public async Task A_story_in_two_documents_is_stored_once_and_remembers_both()
    {
        var seed = Copy(SharedData.Seed("000"));
        var digest = Copy(SharedData.Digest("2025-12-08-328.md"));
        await _pipeline.IngestAsync([digest]);
        var alone = await _index.GetStatsAsync();
        await _pipeline.IngestAsync([seed]);
        var both = await _index.GetStatsAsync();

        Assert.Equal(alone.Stories, both.Stories);
        Assert.Equal(2, both.Documents);
        var hit = (await SearchAsync("trainium3 ultraserver")).First();
        var story = await _index.GetStoryAsync(hit.Story.Id);
        Assert.Equal([seed, digest], story!.Sources.Select(s => s.DocumentPath).Order());
        Assert.Equal(new DateOnly(2025, 12, 8), story.Date);
    }

    private Task<IReadOnlyList<PassageHit>> SearchAsync(string text) =>
        _index.SearchLexicalAsync(new LexicalQuery(Index.Lexical.LexicalAnalyzer.Analyze(text).ToList(), SearchFilter.None, 10));

    private sealed class StatsComparer : IEqualityComparer<IndexStats>
    {
        public bool Equals(IndexStats? x, IndexStats? y) => x!.Documents == y!.Documents && x.Stories == y.Stories && x.Passages == y.Passages && x.Rows.SequenceEqual(y.Rows);
        public int GetHashCode(IndexStats obj) => obj.Stories.GetHashCode();
    }
}
