using NewsBot.Domain;
using static NewsBot.Index.Sqlite.Tests.TestData;

namespace NewsBot.Index.Sqlite.Tests;

public class StorageTests : IndexTestBase
{
    private static readonly StoryRecord Chips = Story("Nvidia unveils new AI chips",
        "Nvidia announced its Blackwell chips. They are faster. Prices were not disclosed.",
        url: "https://news.example/nvidia-chips");

    private static readonly StoryRecord Robots = Story("Robot dogs learn to dance",
        "Boston Dynamics showed a robot dog dancing. The video went viral.",
        url: "https://news.example/robot-dogs", date: Day(2024, 3, 2));

    [Fact]
    public async Task Round_trips_documents_stories_and_passages()
    {
        var doc = Document("digests/one.md", Day(2024, 3, 4));
        await Index.ReplaceDocumentAsync(doc, [Chips, Robots]);
        await ReopenAsync();

        Assert.Equal("hash-of-digests/one.md", await Index.GetDocumentHashAsync("digests/one.md"));
        Assert.Null(await Index.GetDocumentHashAsync("digests/other.md"));

        var story = await Index.GetStoryAsync(Chips.Id);
        Assert.NotNull(story);
        Assert.Equal(Chips.Id, story.Id);
        Assert.Equal(Chips.Title, story.Title);
        Assert.Equal(Chips.Text, story.Text);
        Assert.Equal(Chips.Url, story.Url);
        Assert.Equal("Top News", story.Section);
        Assert.Equal(Day(2024, 3, 4), story.Date);              // no date of its own: the document's
        Assert.Equal("Last Week in AI", story.Publication);
        Assert.Equal(DocumentKind.Digest, story.Kind);
        Assert.Equal("Title of digests/one.md", story.DocumentTitle);
        Assert.Equal(["TechCrunch", "The Verge"], story.SourceNames);
        Assert.Equal([new Link("Background", "https://example.com/background")], story.Related);
        Assert.Equal(12, story.StartOffset);
        Assert.Equal([new StorySource("digests/one.md", "Title of digests/one.md", "Last Week in AI", Day(2024, 3, 4))], story.Sources);

        Assert.Equal(Day(2024, 3, 2), (await Index.GetStoryAsync(Robots.Id))!.Date);  // its own, earlier date

        var passages = await Index.GetPassagesAsync(Chips.Id);
        Assert.Equal(3, passages.Count);
        Assert.Equal([0, 1, 2], passages.Select(p => p.Ordinal));
        Assert.All(passages, p =>
        {
            Assert.Equal(Passage.MakeId(Chips.Id, p.Ordinal), p.Id);
            Assert.Equal(Chips.Id, p.StoryId);
            Assert.Equal(Chips.Text.Substring(p.Start, p.Length), p.Text);
            Assert.Equal(Chips.Title, p.StoryTitle);
            Assert.Equal(Day(2024, 3, 4), p.StoryDate);
        });

        Assert.Null(await Index.GetStoryAsync("no-such-story"));
        Assert.Empty(await Index.GetPassagesAsync("no-such-story"));
    }

    [Fact]
    public async Task Replacing_a_document_with_the_same_content_changes_nothing()
    {
        var doc = Document("a.md", Day(2024, 1, 1));
        await Index.ReplaceDocumentAsync(doc, [Chips, Robots]);
        var before = await Index.GetStatsAsync();
        var hitsBefore = await SearchAsync("robot dog");

        await Index.ReplaceDocumentAsync(doc, [Chips, Robots]);

        var after = await Index.GetStatsAsync();
        Assert.Equal((before.Documents, before.Stories, before.Passages), (after.Documents, after.Stories, after.Passages));
        Assert.Equal(before.Rows, after.Rows);
        var hitsAfter = await SearchAsync("robot dog");
        Assert.Equal(hitsBefore.Select(h => (h.Passage.Id, h.Score)), hitsAfter.Select(h => (h.Passage.Id, h.Score)));
    }

    [Fact]
    public async Task Replacing_a_document_withdraws_the_stories_it_no_longer_has()
    {
        var doc = Document("a.md", Day(2024, 1, 1));
        await Index.ReplaceDocumentAsync(doc, [Chips, Robots]);
        Assert.NotEmpty(await SearchAsync("dance"));

        await Index.ReplaceDocumentAsync(doc with { ContentHash = "v2" }, [Chips]);

        Assert.Equal("v2", await Index.GetDocumentHashAsync("a.md"));
        Assert.Null(await Index.GetStoryAsync(Robots.Id));
        Assert.Empty(await Index.GetPassagesAsync(Robots.Id));
        Assert.Empty(await SearchAsync("dance boston"));
        var stats = await Index.GetStatsAsync();
        Assert.Equal((1L, 1L, 3L), (stats.Documents, stats.Stories, stats.Passages));
    }

    [Fact]
    public async Task A_story_in_two_documents_is_stored_once_with_both_as_sources()
    {
        var shortVersion = Story("Robot dogs learn to dance", "Boston Dynamics showed a robot dog dancing.",
            url: "https://news.example/robot-dogs");
        Assert.Equal(Robots.Id, shortVersion.Id);
        var early = Document("early.md", Day(2024, 3, 1), publication: "Daily AI", kind: DocumentKind.Newsletter);
        var late = Document("late.md", Day(2024, 3, 9));

        await Index.ReplaceDocumentAsync(early, [shortVersion]);
        await Index.ReplaceDocumentAsync(late, [Robots with { Date = null }]);

        var story = (await Index.GetStoryAsync(Robots.Id))!;
        Assert.Equal(Robots.Text, story.Text);                       // the longest version
        Assert.Equal("Last Week in AI", story.Publication);           // from the longest version's document
        Assert.Equal("Title of late.md", story.DocumentTitle);
        Assert.Equal(Day(2024, 3, 1), story.Date);                   // the earliest date
        Assert.Equal(["early.md", "late.md"], story.Sources.Select(s => s.DocumentPath));
        Assert.Equal(["Daily AI", "Last Week in AI"], story.Sources.Select(s => s.Publication));
        Assert.Equal(2, (await Index.GetPassagesAsync(Robots.Id)).Count);
        var stats = await Index.GetStatsAsync();
        Assert.Equal((2L, 1L, 2L), (stats.Documents, stats.Stories, stats.Passages));
        Assert.Single(await SearchAsync("boston"));                   // only the canonical passages are searched

        Assert.True(await Index.RemoveDocumentAsync("late.md"));

        story = (await Index.GetStoryAsync(Robots.Id))!;
        Assert.Equal(shortVersion.Text, story.Text);                  // the remaining version takes over
        Assert.Equal("Daily AI", story.Publication);
        Assert.Equal(DocumentKind.Newsletter, story.Kind);
        Assert.Equal(["early.md"], story.Sources.Select(s => s.DocumentPath));
        Assert.Single(await Index.GetPassagesAsync(Robots.Id));
        Assert.Empty(await SearchAsync("video viral"));
        Assert.Single(await SearchAsync("boston"));

        Assert.True(await Index.RemoveDocumentAsync("early.md"));
        Assert.False(await Index.RemoveDocumentAsync("early.md"));

        Assert.Null(await Index.GetStoryAsync(Robots.Id));
        Assert.Empty(await SearchAsync("robot"));
        var empty = await Index.GetStatsAsync();
        Assert.Equal((0L, 0L, 0L), (empty.Documents, empty.Stories, empty.Passages));
        Assert.Empty(empty.Rows);
    }

    [Fact]
    public async Task Equally_long_versions_keep_the_first_indexed_document_as_canonical()
    {
        await Index.ReplaceDocumentAsync(Document("first.md", publication: "First"), [Chips]);
        await Index.ReplaceDocumentAsync(Document("second.md", publication: "Second"), [Chips]);
        Assert.Equal("First", (await Index.GetStoryAsync(Chips.Id))!.Publication);

        // Re-indexing the first document must not hand the story to the second one.
        await Index.ReplaceDocumentAsync(Document("first.md", publication: "First"), [Chips]);
        Assert.Equal("First", (await Index.GetStoryAsync(Chips.Id))!.Publication);
    }

    [Fact]
    public async Task A_story_listed_twice_in_one_document_keeps_the_longer_text()
    {
        var shorter = Chips with { Text = "Nvidia announced its Blackwell chips.", Passages = Sentences("Nvidia announced its Blackwell chips.") };
        await Index.ReplaceDocumentAsync(Document("a.md"), [shorter, Robots, Chips, shorter]);

        Assert.Equal(Chips.Text, (await Index.GetStoryAsync(Chips.Id))!.Text);
        Assert.Equal(2, (await Index.GetStatsAsync()).Stories);
    }

    [Fact]
    public async Task Latest_stories_come_newest_first_with_undated_last()
    {
        var undated = Story("Undated story", "Nobody knows when.");
        var old = Story("Old story", "From long ago.", date: Day(2019, 5, 1));
        await Index.ReplaceDocumentAsync(Document("a.md"), [undated, old, Chips with { Date = Day(2024, 6, 1) }, Robots]);

        var latest = await Index.GetLatestStoriesAsync(SearchFilter.None, 10);
        Assert.Equal([Chips.Id, Robots.Id, old.Id, undated.Id], latest.Select(s => s.Id));
        Assert.All(latest, s => Assert.NotEmpty(s.Sources));

        Assert.Equal([Chips.Id, Robots.Id], (await Index.GetLatestStoriesAsync(SearchFilter.None, 2)).Select(s => s.Id));
        Assert.Equal([Robots.Id, old.Id],
            (await Index.GetLatestStoriesAsync(new SearchFilter { To = Day(2024, 5, 31) }, 10)).Select(s => s.Id));
        Assert.Empty(await Index.GetLatestStoriesAsync(SearchFilter.None, 0));
    }

    [Fact]
    public async Task Stats_count_documents_and_stories_per_publication_kind_and_year()
    {
        await Index.ReplaceDocumentAsync(Document("a.md", Day(2023, 12, 30)), [Chips, Robots]);  // Robots dated 2024
        await Index.ReplaceDocumentAsync(Document("b.md", Day(2024, 1, 5)), [Story("Another", "Another story.")]);
        await Index.ReplaceDocumentAsync(Document("c.md", publication: "Daily AI", kind: DocumentKind.Newsletter),
            [Story("Undated", "No date here.")]);

        var stats = await Index.GetStatsAsync();

        Assert.Equal((3L, 4L, 7L), (stats.Documents, stats.Stories, stats.Passages));
        Assert.Equal(
        [
            new StatsRow("Daily AI", DocumentKind.Newsletter, null, 1, 1),
            new StatsRow("Last Week in AI", DocumentKind.Digest, 2023, 1, 1),
            new StatsRow("Last Week in AI", DocumentKind.Digest, 2024, 1, 2),
        ], stats.Rows);
    }

    [Fact]
    public async Task Creates_the_folder_of_a_new_database()
    {
        var path = Dir.File("deeper/still/news.db");
        await using var index = await SqliteNewsIndex.OpenAsync(path);
        Assert.True(File.Exists(path));
        Assert.Equal(path, index.Path);
    }

    private Task<IReadOnlyList<PassageHit>> SearchAsync(string text) =>
        Index.SearchLexicalAsync(new LexicalQuery(NewsBot.Index.Lexical.LexicalAnalyzer.Analyze(text), SearchFilter.None, 50));
}
