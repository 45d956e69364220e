using static NewsBot.Index.Sqlite.Tests.TestData;

namespace NewsBot.Index.Sqlite.Tests;

public class ConcurrencyTests : IndexTestBase
{
    [Fact]
    public async Task Searches_run_alongside_writes_and_always_see_whole_stories()
    {
        StoryRecord Version(int round, int i) => Story($"Story {i}", string.Join(" ", Enumerable.Repeat($"Robots round {round}.", 1 + (round + i) % 3)), id: $"s{i}");
        await Index.ReplaceDocumentAsync(Document("a.md"), Enumerable.Range(0, 20).Select(i => Version(0, i)).ToList());

        using var stop = new CancellationTokenSource();
        var searched = 0;
        var searches = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var hits = await Index.SearchLexicalAsync(new LexicalQuery(["robot", "round"], SearchFilter.None, 50));
                Assert.All(hits, h => Assert.Equal(h.Story.Id, h.Passage.StoryId));
                Assert.All(await Index.GetLatestStoriesAsync(SearchFilter.None, 50), s => Assert.NotEmpty(s.Sources));
                Interlocked.Increment(ref searched);
            }
        })).ToList();

        while (Volatile.Read(ref searched) < 8) await Task.Delay(5);
        for (var round = 1; round <= 30; round++)
        {
            var r = round;
            await Index.ReplaceDocumentAsync(Document(round % 2 == 0 ? "a.md" : "b.md"), Enumerable.Range(0, 20).Where(i => (i + r) % 4 != 0).Select(i => Version(r, i)).ToList());
        }
        await stop.CancelAsync();

        await Task.WhenAll(searches);   // rethrows any search's failure
    }
}
