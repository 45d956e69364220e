using NewsBot.Index.Lexical;
using static NewsBot.Index.Sqlite.Tests.TestData;

namespace NewsBot.Index.Sqlite.Tests;

/// <summary>Terms found in most passages are left out of the match for speed; results must not change for it.</summary>
public class CommonTermTests : IndexTestBase
{
    private static readonly StoryRecord Rare = Story("AI startup raises money", "The AI company is rare among startups.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var common = Enumerable.Range(0, 6).Select(i => Story($"AI story {i}", $"More AI news number {i}.")).ToList();
        await Index.ReplaceDocumentAsync(Document("a.md"), [.. common, Rare, Story("Weather", "Sunny tomorrow.")]);
    }

    [Fact]
    public async Task Passages_with_the_rarer_term_rank_first()
    {
        var hits = await Index.SearchLexicalAsync(new LexicalQuery(Terms("AI rare"), SearchFilter.None, 1));
        Assert.Equal(Rare.Id, Assert.Single(hits).Story.Id);
    }

    [Fact]
    public async Task Passages_matching_only_the_common_term_still_fill_the_limit()
    {
        var hits = await Index.SearchLexicalAsync(new LexicalQuery(Terms("AI rare"), SearchFilter.None, 100));

        Assert.Equal(7, hits.Count);   // every story but the weather
        Assert.Equal(Rare.Id, hits[0].Story.Id);
        Assert.All(hits.Skip(1), h => Assert.True(h.Score < hits[0].Score));
    }

    [Fact]
    public async Task A_query_of_only_common_terms_finds_their_passages()
    {
        var hits = await Index.SearchLexicalAsync(new LexicalQuery(Terms("AI"), SearchFilter.None, 100));
        Assert.Equal(7, hits.Count);
    }

    [Fact]
    public async Task Term_statistics_follow_writes_from_this_and_other_instances()
    {
        Assert.Equal(0, (await Index.GetTermStatisticsAsync(["snow"])).DocumentFrequencies["snow"]);

        await Index.ReplaceDocumentAsync(Document("b.md"), [Story("Snow", "Snow is coming.")]);
        var stats = await Index.GetTermStatisticsAsync(["snow"]);
        Assert.Equal((1L, 9L), (stats.DocumentFrequencies["snow"], stats.PassageCount));

        await using (var other = await SqliteNewsIndex.OpenAsync(DbPath))
            await other.RemoveDocumentAsync("b.md");
        stats = await Index.GetTermStatisticsAsync(["snow"]);
        Assert.Equal((0L, 8L), (stats.DocumentFrequencies["snow"], stats.PassageCount));
        Assert.Empty(await Index.SearchLexicalAsync(new LexicalQuery(["snow"], SearchFilter.None, 10)));
    }

    private static IReadOnlyList<string> Terms(string text) => LexicalAnalyzer.Analyze(text);
}
