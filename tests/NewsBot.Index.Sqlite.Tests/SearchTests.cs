using NewsBot.Domain;
using NewsBot.Index.Lexical;
using static NewsBot.Index.Sqlite.Tests.TestData;

namespace NewsBot.Index.Sqlite.Tests;

public class SearchTests : IndexTestBase
{
    private static readonly StoryRecord TitleMatch = Story("Quantum computing milestone reached",
        "Researchers reported a result on a new machine. It ran for an hour.", date: Day(2024, 2, 1));

    private static readonly StoryRecord BodyMatch = Story("Lab reports a result",
        "The team says quantum computing could follow. It ran for an hour.", date: Day(2023, 6, 1));

    private static readonly StoryRecord Unrelated = Story("Chatbots write poems",
        "A chatbot wrote poems about the sea.", date: Day(2022, 1, 1));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Index.ReplaceDocumentAsync(Document("digest.md", Day(2024, 2, 5)), [TitleMatch, BodyMatch]);
        await Index.ReplaceDocumentAsync(Document("letter.md", Day(2022, 1, 3), publication: "Daily AI", kind: DocumentKind.Newsletter), [Unrelated]);
        await Index.ReplaceDocumentAsync(Document("talk.md", null, publication: "Podcast", kind: DocumentKind.Transcript),
            [Story("Quantum talk", "We talked about quantum computing at length.")]);
    }

    [Fact]
    public async Task Ranks_a_title_match_above_a_body_only_match()
    {
        var hits = await SearchAsync("quantum computing", SearchFilter.None);

        Assert.Equal(TitleMatch.Id, hits[0].Story.Id);
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score), "best first");
        var body = hits.Single(h => h.Story.Id == BodyMatch.Id);
        Assert.True(hits[0].Score > body.Score);
        Assert.Equal(BodyMatch.Id + ":0", body.Passage.Id);
        Assert.Equal(" The team says quantum computing could follow.".Trim(), body.Passage.Text.Trim());
    }

    [Fact]
    public async Task Hits_carry_their_passage_and_whole_story()
    {
        var hit = (await SearchAsync("poems sea", SearchFilter.None)).Single();

        Assert.Equal(Unrelated.Id, hit.Passage.StoryId);
        Assert.Equal(0, hit.Passage.Ordinal);
        Assert.Equal(Unrelated.Title, hit.Passage.StoryTitle);
        Assert.Equal(Day(2022, 1, 1), hit.Passage.StoryDate);
        Assert.Equal(Unrelated.Text, hit.Story.Text);
        Assert.Equal("Daily AI", hit.Story.Publication);
        Assert.Equal(["letter.md"], hit.Story.Sources.Select(s => s.DocumentPath));
        Assert.True(hit.Score > 0);
    }

    [Fact]
    public async Task Filters_by_date_range_inclusively_and_drops_undated_stories()
    {
        var from = await SearchAsync("quantum", new SearchFilter { From = Day(2024, 2, 1) });
        Assert.Equal([TitleMatch.Id], from.Select(h => h.Story.Id).Distinct());

        var to = await SearchAsync("quantum", new SearchFilter { To = Day(2023, 6, 1) });
        Assert.Equal([BodyMatch.Id], to.Select(h => h.Story.Id).Distinct());

        var all = await SearchAsync("quantum", SearchFilter.None);
        Assert.Equal(3, all.Select(h => h.Story.Id).Distinct().Count());   // the undated transcript too
    }

    [Fact]
    public async Task Filters_by_publication_and_kind()
    {
        var byPublication = await SearchAsync("quantum poems", new SearchFilter { Publications = ["daily ai", "Podcast"] });
        Assert.Equal(["Daily AI", "Podcast"], byPublication.Select(h => h.Story.Publication).Distinct().Order());

        var byKind = await SearchAsync("quantum poems", new SearchFilter { Kinds = [DocumentKind.Transcript, DocumentKind.Newsletter] });
        Assert.Equal([DocumentKind.Newsletter, DocumentKind.Transcript], byKind.Select(h => h.Story.Kind).Distinct().Order());

        var both = await SearchAsync("quantum poems", new SearchFilter { Publications = ["Podcast"], Kinds = [DocumentKind.Digest] });
        Assert.Empty(both);
    }

    [Fact]
    public async Task The_limit_counts_only_passages_that_pass_the_filter()
    {
        var hits = await Index.SearchLexicalAsync(new LexicalQuery(Terms("quantum hour"), new SearchFilter { Kinds = [DocumentKind.Transcript] }, 1));
        Assert.Equal("Podcast", Assert.Single(hits).Story.Publication);

        Assert.Equal(2, (await Index.SearchLexicalAsync(new LexicalQuery(Terms("hour"), SearchFilter.None, 2))).Count);
        Assert.Empty(await Index.SearchLexicalAsync(new LexicalQuery(Terms("hour"), SearchFilter.None, 0)));
    }

    [Fact]
    public async Task Queries_without_terms_find_nothing()
    {
        Assert.Empty(Terms("what is it about?"));
        Assert.Empty(await SearchAsync("what is it about?", SearchFilter.None));
        Assert.Empty(await Index.SearchLexicalAsync(new LexicalQuery(["", "  "], SearchFilter.None, 10)));
    }

    [Fact]
    public async Task Terms_are_quoted_not_parsed_as_query_syntax()
    {
        string[] hostile = ["quantum\"", "AND", "NEAR(", "title:poems", "*", "-", "\"\""];
        var hits = await Index.SearchLexicalAsync(new LexicalQuery(hostile, SearchFilter.None, 10));
        Assert.NotNull(hits);
        var repeated = await Index.SearchLexicalAsync(new LexicalQuery(["quantum", "quantum", "QUANTUM"], SearchFilter.None, 10));
        Assert.Equal(3, repeated.Select(h => h.Story.Id).Distinct().Count());
    }

    [Fact]
    public async Task Term_statistics_count_passages_holding_each_term_in_title_or_body()
    {
        var stats = await Index.GetTermStatisticsAsync(Terms("quantum computing hour nonexistentword"));

        Assert.Equal(6, stats.PassageCount);   // 2 + 2 + 1 + 1 canonical passages
        Assert.Equal(4, stats.DocumentFrequencies["quantum"]);   // both TitleMatch passages, one of BodyMatch, the talk
        Assert.Equal(4, stats.DocumentFrequencies[Terms("computing").Single()]);
        Assert.Equal(2, stats.DocumentFrequencies["hour"]);
        Assert.Equal(0, stats.DocumentFrequencies["nonexistentword"]);
        Assert.True(stats.Idf("hour") > stats.Idf("quantum"));
    }

    [Fact]
    public async Task Optimizing_changes_no_result()
    {
        var before = await SearchAsync("quantum computing poems hour", SearchFilter.None);

        await Index.OptimizeAsync();

        var after = await SearchAsync("quantum computing poems hour", SearchFilter.None);
        Assert.Equal(before.Select(h => (h.Passage.Id, h.Score)), after.Select(h => (h.Passage.Id, h.Score)));
    }

    private Task<IReadOnlyList<PassageHit>> SearchAsync(string text, SearchFilter filter) =>
        Index.SearchLexicalAsync(new LexicalQuery(Terms(text), filter, 50));

    private static IReadOnlyList<string> Terms(string text) => LexicalAnalyzer.Analyze(text);
}
