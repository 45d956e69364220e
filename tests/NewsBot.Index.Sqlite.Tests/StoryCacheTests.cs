using static NewsBot.Index.Sqlite.Tests.TestData;

namespace NewsBot.Index.Sqlite.Tests;

/// <summary>Stories are read once and kept, but never served stale: a write from anywhere empties the cache.</summary>
public class StoryCacheTests : IndexTestBase
{
    [Fact]
    public async Task A_write_by_another_process_is_seen_at_the_next_read()
    {
        var before = Story("Robot dogs learn to dance", "Boston Dynamics showed a robot dog dancing.", url: "https://news.example/robots");
        var after = Story("Robot dogs learn to dance", "Boston Dynamics showed a robot dog dancing. Then it did a backflip.", url: "https://news.example/robots");
        await Index.ReplaceDocumentAsync(Document("a.md"), [before]);
        Assert.Equal(before.Text, (await Index.GetStoryAsync(before.Id))!.Text);
        Assert.Single(await Index.GetPassagesAsync(before.Id));
        Assert.Equal(before.Text, (await Index.SearchLexicalAsync(new LexicalQuery(["robot"], SearchFilter.None, 5)))[0].Story.Text);

        // Another writer on the same file (as `newsbot ingest` beside a running server).
        await using (var other = await SqliteNewsIndex.OpenAsync(DbPath))
            await other.ReplaceDocumentAsync(Document("a.md") with { ContentHash = "changed" }, [after]);

        Assert.Equal(after.Text, (await Index.GetStoryAsync(after.Id))!.Text);
        Assert.Equal(after.Text, (await Index.SearchLexicalAsync(new LexicalQuery(["robot"], SearchFilter.None, 5)))[0].Story.Text);
        Assert.Equal(after.Passages.Select(p => p.Text), (await Index.GetPassagesAsync(after.Id)).Select(p => p.Text));
    }
}
