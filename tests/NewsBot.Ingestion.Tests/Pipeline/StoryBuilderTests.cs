using NewsBot.Domain;
using NewsBot.Ingestion.Passages;
using NewsBot.Ingestion.Pipeline;

namespace NewsBot.Ingestion.Tests.Pipeline;

public class StoryBuilderTests
{
    private static readonly StoryBuilder Builder = new(new PassageSplitter(new PassageSizes(60, 140, 200)));

    private static ParsedDocument Document(DateOnly? date, params ParsedStory[] stories) => new()
    {
        Title = "Last Week in AI #1", Publication = "Last Week in AI", Kind = DocumentKind.Digest, Date = date, Stories = stories,
    };

    [Fact]
    public void The_same_article_twice_in_a_document_is_one_story_with_the_longer_text_and_all_related_links()
    {
        var records = Builder.Build(Document(new DateOnly(2025, 1, 6),
            new ParsedStory { Title = "Chip news", Text = "Short.", Url = "https://example.com/a", Related = [new Link("r1", "https://r/1")] },
            new ParsedStory { Title = "Chip news again", Text = "A much longer text about the chip.", Url = "https://www.example.com/a/", Related = [new Link("r2", "https://r/2")] }));
        var story = Assert.Single(records);
        Assert.Equal("A much longer text about the chip.", story.Text);
        Assert.Equal(["https://r/1", "https://r/2"], story.Related.Select(r => r.Url).Order());
    }

    [Fact]
    public void Dates_come_from_the_story_or_its_document_and_are_never_invented()
    {
        var withDocDate = Builder.Build(Document(new DateOnly(2025, 12, 8), new ParsedStory { Title = "A", Text = "x.", Url = "https://t.com/2025/12/02/a" }));
        Assert.Equal(new DateOnly(2025, 12, 8), withDocDate[0].Date);

        var ownDate = Builder.Build(Document(new DateOnly(2025, 12, 8), new ParsedStory { Title = "A", Text = "x.", Date = new DateOnly(2025, 12, 1) }));
        Assert.Equal(new DateOnly(2025, 12, 1), ownDate[0].Date);

        var unknown = Builder.Build(Document(null, new ParsedStory { Title = "A", Text = "x.", Url = "https://t.com/2025/12/02/a" }));
        Assert.Null(unknown[0].Date);
    }

    [Fact]
    public void A_headline_only_story_is_its_headline_and_gets_a_passage()
    {
        var records = Builder.Build(Document(null, new ParsedStory { Title = "Papercup raises $20M", Text = "  ", Url = "https://t.com/p" }));
        Assert.Equal("Papercup raises $20M", records[0].Text);
        Assert.Single(records[0].Passages);
    }

    [Fact]
    public void Story_ids_are_stable_and_ignore_url_noise()
    {
        Assert.Equal(StoryKey.For("https://www.t.com/a/?utm_source=x", "T", "x"), StoryKey.For("http://t.com/a", "Other title", "y"));
        Assert.NotEqual(StoryKey.For(null, "T", "text one"), StoryKey.For(null, "T", "text two"));
    }
}
