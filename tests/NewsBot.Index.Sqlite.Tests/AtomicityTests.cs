using Microsoft.Data.Sqlite;
using static NewsBot.Index.Sqlite.Tests.TestData;

namespace NewsBot.Index.Sqlite.Tests;

/// <summary>A document write that fails midway must leave the index exactly as it was.</summary>
public class AtomicityTests : IndexTestBase
{
    private static readonly StoryRecord Shared = Story("Shared story", "Told in both documents. At some length here.", url: "https://news.example/shared");
    private static readonly StoryRecord Kept = Story("Kept story", "Only in the first document.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Index.ReplaceDocumentAsync(Document("first.md", Day(2024, 1, 1)), [Shared, Kept]);
        await Index.ReplaceDocumentAsync(Document("second.md", Day(2024, 1, 8)),
            [Story("Shared story", "Told in both documents.", url: "https://news.example/shared")]);
    }

    [Fact]
    public async Task A_failing_insert_midway_rolls_the_whole_document_back()
    {
        var before = await SnapshotAsync();
        var good = Enumerable.Range(0, 50).Select(i => Story($"New story {i}", $"Fresh text number {i}. Second sentence.")).ToList();
        // Two passages with one ordinal break a unique constraint after the document row, the withdrawal of the
        // old stories and fifty new ones are already written.
        var broken = Story("Broken", "One. Two.") with { Passages = [new(0, 0, 4, "One."), new(0, 5, 4, "Two.")] };

        await Assert.ThrowsAsync<SqliteException>(() =>
            Index.ReplaceDocumentAsync(Document("first.md", Day(2024, 2, 1), hash: "changed"), [.. good, broken]));

        Assert.Equal(before, await SnapshotAsync());
        await ReopenAsync();
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_cancelled_write_rolls_back()
    {
        var before = await SnapshotAsync();
        using var cancellation = new CancellationTokenSource();
        var many = Enumerable.Range(0, 2000)
            .Select(i => Story($"Story {i}", $"Text {i}.") with { Passages = CancelOnRead(cancellation, i == 1000, Sentences($"Text {i}.")) })
            .ToList();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Index.ReplaceDocumentAsync(Document("third.md"), many, cancellation.Token));

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Removing_a_document_is_atomic_too()
    {
        Assert.True(await Index.RemoveDocumentAsync("first.md"));
        var story = (await Index.GetStoryAsync(Shared.Id))!;
        Assert.Equal("Told in both documents.", story.Text);
        Assert.Null(await Index.GetStoryAsync(Kept.Id));
    }

    /// <summary>Everything observable about the index, as one comparable string.</summary>
    private async Task<string> SnapshotAsync()
    {
        var stats = await Index.GetStatsAsync();
        var latest = await Index.GetLatestStoriesAsync(SearchFilter.None, 1000);
        var hits = await Index.SearchLexicalAsync(new LexicalQuery(["stori", "told", "document", "fresh", "text", "broken"], SearchFilter.None, 1000));
        var hashes = await Task.WhenAll(new[] { "first.md", "second.md", "third.md" }.Select(p => Index.GetDocumentHashAsync(p)));
        var terms = await Index.GetTermStatisticsAsync(["stori", "told", "fresh", "text"]);
        return string.Join("\n",
            $"{stats.Documents} {stats.Stories} {stats.Passages}",
            string.Join(";", stats.Rows),
            string.Join(";", latest.Select(s => $"{s.Id} {s.Text} {s.Date} {string.Join(",", s.Sources)}")),
            string.Join(";", hits.Select(h => $"{h.Passage.Id} {h.Score:R}")),
            string.Join(";", hashes),
            $"{terms.PassageCount} {string.Join(",", terms.DocumentFrequencies.OrderBy(kv => kv.Key))}");
    }

    /// <summary>Passages that cancel <paramref name="cancellation"/> when the writer enumerates them.</summary>
    private static IReadOnlyList<PassageRecord> CancelOnRead(CancellationTokenSource cancellation, bool cancel, IReadOnlyList<PassageRecord> passages) =>
        cancel ? new CancellingList(cancellation, passages) : passages;

    private sealed class CancellingList(CancellationTokenSource cancellation, IReadOnlyList<PassageRecord> inner) : IReadOnlyList<PassageRecord>
    {
        public PassageRecord this[int index] => inner[index];
        public int Count => inner.Count;
        public IEnumerator<PassageRecord> GetEnumerator()
        {
            cancellation.Cancel();
            return inner.GetEnumerator();
        }
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
