using System.Text.RegularExpressions;
using NewsBot.Domain;
using NewsBot.Ingestion.Readers;
using NewsBot.Testing;
using Xunit.Abstractions;

namespace NewsBot.Ingestion.Tests.Readers;

public sealed partial class DigestReaderTests(ITestOutputHelper output)
{
    private static readonly DigestReader Reader = new();

    private static readonly string[] ForbiddenInText = ["![", "<img", "<iframe", "<figure", "one paragraph summary", "](http", "{%", "{{"];

    private static ParsedDocument ReadDigest(string fileName) =>
        Reader.Read(new SourceText(SharedData.Digest(fileName), File.ReadAllText(SharedData.Digest(fileName))));

    private static ParsedStory StoryTitled(ParsedDocument doc, string title) => Assert.Single(doc.Stories, s => s.Title == title);

    // ---- the whole corpus -------------------------------------------------------------------------------------

    [Fact]
    public void EveryCorpusDigestParsesIntoCleanStories()
    {
        var files = Directory.GetFiles(SharedData.Digests, "*.md").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(339, files.Count);
        var total = 0;
        var withoutUrl = new List<string>();
        foreach (var file in files)
        {
            var doc = Reader.Read(new SourceText(file, File.ReadAllText(file)));
            var name = Path.GetFileName(file);
            Assert.False(string.IsNullOrWhiteSpace(doc.Title), name);
            Assert.Equal(DocumentKind.Digest, doc.Kind);
            Assert.NotEmpty(doc.Stories);
            foreach (var story in doc.Stories)
            {
                Assert.False(string.IsNullOrWhiteSpace(story.Title), $"{name}: a story without a title");
                Assert.NotEqual("nan", story.Title);
                foreach (var forbidden in ForbiddenInText)
                {
                    Assert.False(story.Text.Contains(forbidden, StringComparison.OrdinalIgnoreCase), $"{name}: '{story.Title}' text contains {forbidden}");
                    Assert.False(story.Title.Contains(forbidden, StringComparison.OrdinalIgnoreCase), $"{name}: title '{story.Title}' contains {forbidden}");
                }
                Assert.All(story.Related, r => Assert.StartsWith("http", r.Url));
                if (story.Url is null) withoutUrl.Add($"{name}: {story.Title}");
                else Assert.Matches("^https?://", story.Url);
            }
            total += doc.Stories.Count;
        }
        output.WriteLine($"{files.Count} digests, {total} stories; {withoutUrl.Count} without a web link:");
        foreach (var s in withoutUrl) output.WriteLine("  " + s);
        Assert.InRange(total, 10_000, 20_000);
        // Only Skynet Today's own briefs (relative links), "(<link>)" placeholders and prose sections lack one.
        Assert.True(withoutUrl.Count <= 40, $"{withoutUrl.Count} stories without a URL");
    }

    [Fact]
    public void EveryLinkedHeadingAndOneLineStoryKeepsItsUrl()
    {
        var missing = new List<string>();
        foreach (var file in Directory.GetFiles(SharedData.Digests, "*.md"))
        {
            var text = File.ReadAllText(file);
            var doc = Reader.Read(new SourceText(file, text));
            var known = doc.Stories.SelectMany(s => s.Related.Select(r => r.Url).Prepend(s.Url))
                .OfType<string>().Select(u => StoryKey.NormalizeUrl(u)).ToHashSet();
            foreach (Match m in LinkedStoryLine().Matches(text))
            {
                var url = m.Groups["url"].Value;
                if (!known.Contains(StoryKey.NormalizeUrl(url)) && !NotAStoryLink(url))
                    missing.Add($"{Path.GetFileName(file)}: {url}");
            }
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    // ---- one digest per year ----------------------------------------------------------------------------------

    [Fact]
    public void Year2018_SkynetThisWeek_SourceQuoteLayout()
    {
        var doc = ReadDigest("2018-05-14-1.md");
        Assert.Equal("Skynet This Week #1", doc.Title);
        Assert.Equal("Skynet This Week", doc.Publication);
        Assert.Equal(new DateOnly(2018, 5, 14), doc.Date);
        Assert.Equal(1, doc.IssueNumber);
        Assert.Equal("/digests/the-first", doc.Permalink);
        Assert.Null(doc.Url);
        Assert.Equal(7, doc.Stories.Count);

        var brain = doc.Stories[0];
        Assert.Equal("DeepMind has trained an AI to unlock the mysteries of your brain", brain.Title);
        Assert.Equal("http://www.wired.co.uk/article/deepmind-newest-network-mimics-the-gps-cells-in-your-brain", brain.Url);
        Assert.Equal("The hype", brain.Section);
        Assert.Equal(["Wired"], brain.SourceNames);
        Assert.StartsWith("Mysteries of the brain - solved\n\nWell, almost.", brain.Text);
        Assert.Contains("researchers at DeepMind trained a navigation AI", brain.Text);
        Assert.Contains("A huge Google-owned AI research lab", brain.Text); // the footnote, as its own paragraph
        Assert.DoesNotContain("[^", brain.Text);

        var alchemy = StoryTitled(doc, "AI researchers allege that machine learning is alchemy");
        Assert.Equal("Expert Opinions & Discussion within the field", alchemy.Section);
        Assert.Equal(["Science", "Quartz"], alchemy.SourceNames);
        var quartz = Assert.Single(alchemy.Related);
        Assert.Equal("https://qz.com/1274131/googles-engineers-say-that-lack-of-rigor-is-ruining-ai-research/", quartz.Url);
        Assert.StartsWith("Google’s engineers say", quartz.Title);
        Assert.DoesNotContain("Quartz,", alchemy.Text);

        Assert.DoesNotContain(doc.Stories, s => s.Text.Contains("Musk Drake", StringComparison.Ordinal));
    }

    [Fact]
    public void Year2018_BylinesBecomeSourceNames()
    {
        var doc = ReadDigest("2018-10-08-10.md");
        Assert.Equal(10, doc.IssueNumber);
        var google = doc.Stories[0];
        Assert.Equal("Google and Facebook Are Teaming Up on Artificial Intelligence Tech", google.Title);
        Assert.Equal("Advances & Business", google.Section);
        Assert.Equal(["Fortune.com"], google.SourceNames);
        Assert.StartsWith("Google’s cloud engineers", google.Text);
        Assert.DoesNotContain("Jonathan Vanian", google.Text);

        var music = StoryTitled(doc, "Mumford & Sons beware! An AI can now write indie music");
        Assert.Contains("When asked if AI will ever replace his favorite musicians", music.Text); // blockquote kept, marker gone
        Assert.DoesNotContain(">", music.Text);

        var fourth = ReadDigest("2018-07-16-4.md");
        Assert.Equal(["MIT Tech Review"], fourth.Stories[0].SourceNames); // "##### Will Knight, MIT Tech Review"
        Assert.Equal("AI Advances", fourth.Stories[0].Section);
    }

    [Fact]
    public void Year2019_MiniBriefsAndQuotedOneLiners()
    {
        var doc = ReadDigest("2019-04-22-18.md");
        Assert.Equal("Last Week in AI News #18", doc.Title);
        Assert.Equal("Last Week in AI", doc.Publication);
        Assert.Equal(18, doc.IssueNumber);

        var killerApps = StoryTitled(doc, "Killer Apps");
        Assert.Equal("Mini Briefs", killerApps.Section);
        Assert.Equal("https://www.foreignaffairs.com/articles/2019-04-16/killer-apps", killerApps.Url);

        var climate = StoryTitled(doc, "Microsoft wants to unleash its AI expertise on climate change");
        Assert.Equal("Advances & Business", climate.Section);
        Assert.Equal("In a broad new set of sustainability commitments, the company wants to use its tech to develop tools to monitor and find insights in environmental data.", climate.Text);

        var spot = StoryTitled(doc, "Boston Dynamics debuts the production version of SpotMini");
        Assert.Equal("", spot.Text);
        Assert.Equal("Analysis & Policy", StoryTitled(doc, "Some AI just shouldn’t exist").Section);
    }

    [Fact]
    public void Year2020_SourcesListAndPodcastSection()
    {
        var doc = ReadDigest("2020-03-15-56.md");
        // A heading with no link of its own takes the first of its "Sources:" as its URL.
        var helping = StoryTitled(doc, "... But, AI is helping...");
        Assert.Equal("https://www.technologyreview.com/s/615360/cdc-cmu-forecasts-coronavirus-spread/", helping.Url);
        Assert.Equal(2, helping.Related.Count);
        Assert.StartsWith("While AI may not be the magical cure-all", helping.Text);
        Assert.DoesNotContain("Sources", helping.Text);

        var june = ReadDigest("2020-06-07-68.md");
        Assert.Equal(new DateOnly(2020, 6, 7), june.Date);
        Assert.DoesNotContain(june.Stories, s => s.Title is "Website" or "RSS" or "Spotify");
        Assert.DoesNotContain(june.Stories, s => s.Text.Contains("podcast", StringComparison.OrdinalIgnoreCase));
        var layoffs = StoryTitled(june, "Microsoft lays off journalists to replace them with AI");
        Assert.Equal("Advances & Business", layoffs.Section); // "### News" / "#### Advances & Business"
    }

    [Fact]
    public void Year2021_SameArticleTwiceIsOneStory()
    {
        var doc = ReadDigest("2021-6-14-120.md");
        Assert.Equal(new DateOnly(2021, 6, 14), doc.Date);
        Assert.Equal("https://lastweekin.ai/p/120", doc.Url);
        Assert.Single(doc.Stories, s => s.Url == "https://www.theverge.com/22522486/clearview-ai-facial-recognition-avoid-escape-privacy");
        Assert.Equal(doc.Stories.Count, doc.Stories.Select(s => StoryKey.NormalizeUrl(s.Url!)).Distinct().Count());

        // "2021-2-29" is no date: it stays unknown rather than being guessed.
        Assert.Null(ReadDigest("2021-2-29-105.md").Date);
    }

    [Fact]
    public void Year2021_SpecialPostBecomesProseStories()
    {
        var doc = ReadDigest("2021-01-25-100_analysis.md");
        Assert.Equal("Analysis of 100 Weeks of Curated AI News", doc.Title);
        Assert.Null(doc.IssueNumber);
        Assert.Equal(new DateOnly(2021, 1, 25), doc.Date);
        Assert.Equal("Analysis of 100 Weeks of Curated AI News", doc.Stories[0].Title); // the introduction
        Assert.StartsWith("We finetuned a GPT-2 model", StoryTitled(doc, "AI-Generated AI News Articles").Text);
        // The generated fake news in the HTML slideshow and its CSS are not stories.
        Assert.DoesNotContain(doc.Stories, s => s.Text.Contains("traffic light for self-driving cars", StringComparison.Ordinal)
            || s.Text.Contains("slideshow", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Year2022_PlaceholdersDroppedStoriesKept()
    {
        var doc = ReadDigest("2022-06-13-171.md");
        Assert.Equal(171, doc.IssueNumber);
        var ukraine = doc.Stories[0];
        Assert.Equal("The AI Defending Ukraine", ukraine.Title);
        Assert.Equal("https://medium.com/predict/the-ai-defending-ukraine-44a4ebd65c3f", ukraine.Url);
        Assert.Equal("Top News", ukraine.Section);
        Assert.Equal("", ukraine.Text);
        Assert.Equal(3, doc.Stories.Count(s => s.Section == "Top News"));

        var coral = StoryTitled(doc, "AI Learns Coral Reef ‘Song’");
        Assert.Equal("Research", coral.Section);
        Assert.Equal("https://neurosciencenews.com/ai-coral-reef-health-20743/", coral.Url);
        Assert.StartsWith("A new artificial intelligence algorithm trained using the soundscapes", coral.Text);
        Assert.Equal("Fun", doc.Stories[^1].Section);
        Assert.DoesNotContain(doc.Stories, s => s.Text.Contains("Copyright", StringComparison.Ordinal));

        var sentient = ReadDigest("2022-06-20-172.md").Stories[0];
        Assert.Equal("Google Sidelines Engineer Who Claims Its A.I. Is Sentient", sentient.Title);
        Assert.Equal(14, sentient.Related.Count); // "More on this:" with "- [t](u)" items
    }

    [Fact]
    public void Year2023_LinkParagraphStoriesAndTitleIssueNumber()
    {
        var doc = ReadDigest("2023-03-28-212.md");
        Assert.Equal(211, doc.IssueNumber); // the title says #211 though the file is named 212
        var bard = doc.Stories[0];
        Assert.Equal("I tested Google Bard. It was surprising -- in a bad way", bard.Title);
        Assert.Equal("Top News", bard.Section);
        Assert.StartsWith("Summary: The author is underwhelmed by Google's Bard", bard.Text);
        Assert.Contains("\n\nOur take: It is surprising that Bard", bard.Text);

        var spilled = ReadDigest("2023-05-01-217.md");
        Assert.Equal("https://lastweekin.ai/p/217", spilled.Url); // "redirect:" written below the closing "---"

        // "[nan](https://www.axios.com/…)": a missing title exported as "nan" gives way to the address.
        const string casetext = "https://www.axios.com/2023/06/27/thomson-reuters-650-million-for-legal-ai-assistant-casetext";
        var acquisition = Assert.Single(ReadDigest("2023-07-03-226.md").Stories, s => s.Url == casetext);
        Assert.Equal(casetext, acquisition.Title);
        Assert.StartsWith("Thomson Reuters is acquiring Casetext", acquisition.Text);
    }

    [Fact]
    public void Year2024_MoreOnThisBecomesRelated()
    {
        var doc = ReadDigest("2024-06-03-273.md");
        var rollback = StoryTitled(doc, "Google Rolls Back A.I. Search Feature After Flubs and Flaws");
        Assert.Equal("Top News", rollback.Section);
        Assert.Equal(3, rollback.Related.Count);
        Assert.Equal("Google curbs AI search tool after it told people to eat rocks", rollback.Related[0].Title);
        Assert.DoesNotContain("More on this", rollback.Text);
        Assert.DoesNotContain("telegraph.co.uk", rollback.Text);

        var codestral = StoryTitled(doc, "Mistral announces Codestral, its first programming focused AI model");
        Assert.Equal("Tools", codestral.Section);
        Assert.StartsWith("Mistral has launched Codestral", codestral.Text);
    }

    [Fact]
    public void Year2025_TopNewsRelatedAndOneLiners()
    {
        var doc = ReadDigest("2025-12-08-328.md");
        Assert.Equal("Last Week in AI #328", doc.Title);
        Assert.Equal(new DateOnly(2025, 12, 8), doc.Date);
        Assert.Equal(328, doc.IssueNumber);
        Assert.Equal("https://lastweekin.ai/p/328", doc.Url);

        var chip = doc.Stories[0];
        Assert.Equal("Amazon releases an impressive new AI chip and teases an Nvidia-friendly roadmap", chip.Title);
        Assert.Equal("Top News", chip.Section);
        Assert.StartsWith("https://techcrunch.com/2025/12/02/amazon-releases", chip.Url);
        Assert.Contains("Trainium3", chip.Text);
        Assert.DoesNotContain("techcrunch.com/wp-content", chip.Text);
        Assert.Contains("\n\nLooking ahead, AWS previewed Trainium4", chip.Text);

        var deepSeek = StoryTitled(doc, "DeepSeek Releases New Reasoning Models to Match GPT-5, Rival Gemini 3 Pro");
        Assert.Equal(2, deepSeek.Related.Count);
        Assert.Equal("https://www.cnet.com/tech/services-and-software/deepseek-releases-new-reasoning-models-to-take-on-chatgpt-and-gemini/", deepSeek.Related[0].Url);
        Assert.StartsWith("DeepSeek released two open-source reasoning-first models", deepSeek.Text);

        var deepThink = StoryTitled(doc, "Gemini 3 Deep Think is rolling out now.");
        Assert.Equal("Tools", deepThink.Section);
        Assert.StartsWith("Available only to Google AI Ultra subscribers", deepThink.Text);
        Assert.Equal("", StoryTitled(doc, "Black Forest Labs launches Flux.2 AI image models to challenge Nano Banana Pro and Midjourney | VentureBeat").Text); // ". None"
        Assert.Equal("Research", StoryTitled(doc, "OpenAI has trained its LLM to confess to bad behavior").Section);
    }

    [Fact]
    public void Year2025_FencedDigestAndRepairedUrl()
    {
        var fenced = ReadDigest("2025-07-28-317.md"); // wrapped in a ```markdown fence
        Assert.Equal("Last Week in AI #317", fenced.Title);
        Assert.NotEmpty(fenced.Stories);

        var doc = ReadDigest("2025-08-18-319.md"); // "https:/www.cnbc.com/…"
        Assert.Equal("https://www.cnbc.com/2025/08/05/openai-talks-with-investors-about-share-sale-at-500-billion-valuation.html",
            StoryTitled(doc, "OpenAI talks with investors about share sale at $500 billion valuation").Url);
    }

    [Fact]
    public void Year2026_BareUrlRelatedAndGluedSubsections()
    {
        var doc = ReadDigest("2026-05-25-341.md");
        Assert.Equal(new DateOnly(2026, 5, 25), doc.Date);
        var musk = doc.Stories[0];
        Assert.Equal("Elon Musk Loses $150 Billion Suit Against OpenAI and Sam Altman - The New York Times", musk.Title);
        Assert.Equal(5, musk.Related.Count);
        var bare = musk.Related[3];
        Assert.Equal("https://www.nytimes.com/2026/05/18/technology/elon-musk-openai-trial-takeaways.html", bare.Url);
        Assert.Equal(bare.Url, bare.Title);
        Assert.Contains("planar unit distance problem", StoryTitled(doc, "AI just solved an 80-year-old ‘Erdős problem,’ and mathematicians are amazed").Text);

        var glued = ReadDigest("2026-02-23-336.md"); // "#### Tools#### Business"
        Assert.Equal("Business", StoryTitled(glued, "Alibaba unveils Qwen3.5 as China’s chatbot race shifts to AI agents").Section);
    }

    // ---- layouts and edge cases -------------------------------------------------------------------------------

    [Fact]
    public void HeadingGluedToClosingFrontMatterParsesLikeSeparateLines()
    {
        var path = SharedData.Digest("2025-12-08-328.md");
        var glued = File.ReadAllText(path);
        Assert.Contains("---### Top News", glued, StringComparison.Ordinal); // as in seed 000
        var separate = glued.Replace("---### Top News", "---\n\n### Top News", StringComparison.Ordinal);
        var a = Reader.Read(new SourceText(path, glued));
        var b = Reader.Read(new SourceText(path, separate));
        Assert.Equal(a.Title, b.Title);
        Assert.Equal(a.Url, b.Url);
        Assert.Equal(a.Stories.Count, b.Stories.Count);
        for (var i = 0; i < a.Stories.Count; i++)
        {
            Assert.Equal(a.Stories[i].Title, b.Stories[i].Title);
            Assert.Equal(a.Stories[i].Text, b.Stories[i].Text);
            Assert.Equal(a.Stories[i].Section, b.Stories[i].Section);
            Assert.Equal(a.Stories[i].Related, b.Stories[i].Related);
        }

        var other = SharedData.Digest("2025-03-10-302.md");
        var clean = File.ReadAllText(other);
        var glued302 = Reader.Read(new SourceText(other, Regex.Replace(clean, @"\n---\s*\n+###", "\n---###")));
        Assert.Equal(Reader.Read(new SourceText(other, clean)).Stories.Select(s => s.Title), glued302.Stories.Select(s => s.Title));
    }

    [Fact]
    public void SeedFileNameGivesNoDate()
    {
        var text = "---\ntitle: \"Last Week in AI #328\"\ncategories: [digests]\n---### Top News\n\n#### [A chip](https://example.com/chip)\n\nBody.";
        var doc = Reader.Read(new SourceText("/seeds/000_fce630164a8b5b43.txt", text));
        Assert.Null(doc.Date);
        Assert.Equal(328, doc.IssueNumber);
        var story = Assert.Single(doc.Stories);
        Assert.Equal(("A chip", "https://example.com/chip", "Top News", "Body."), (story.Title, story.Url, story.Section, story.Text));
    }

    [Fact]
    public void InlineMarkupIsStripped()
    {
        var text = """
            ---
            title: Last Week in AI #1
            ---
            ### Top News

            #### [**Bold** title](<https://example.com/a>)
            ![](https://img.example.com/x.png)
            <figure><img src="x.png"/></figure>
            <iframe src="https://youtube.com/embed/x"
             width="1"></iframe>

            Some *emphasis*, a [link](https://example.com/b), AT&amp;T, `code` and a note[^1].
            > quoted
            line.

            {% include ad.html %}
            [^1]: The footnote.

            Related:
             * [Another take](https://example.com/c)
             * [https://example.com/d](https://example.com/d)

            That's all for this week! If you are not subscribed and liked this, feel free to subscribe below!
            """;
        var story = Assert.Single(Reader.Read(new SourceText("x.md", text)).Stories);
        Assert.Equal("Bold title", story.Title);
        Assert.Equal("https://example.com/a", story.Url);
        Assert.Equal("Some emphasis, a link, AT&T, code and a note. quoted line.\n\nThe footnote.", story.Text);
        Assert.Equal([new Link("Another take", "https://example.com/c"), new Link("https://example.com/d", "https://example.com/d")], story.Related);
    }

    [Fact]
    public void NonWebLinksAreNotUrls()
    {
        var text = "---\ntitle: T\n---\n## Briefs\n\n* [Our brief](/briefs/x) - A summary\n* [Mail](mailto:a@b.c)\n";
        var stories = Reader.Read(new SourceText("x.md", text)).Stories;
        Assert.Equal(2, stories.Count);
        Assert.All(stories, s => Assert.Null(s.Url));
        Assert.Equal("A summary", stories[0].Text);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \n\n", "empty")]
    [InlineData("Just a plain newsletter.\nNo front matter.", "no front matter")]
    [InlineData("---\ntitle: \"Last Week in AI #1\"\ncategories: [digests]\n\n### Top News\n", "not closed")]
    [InlineData("---\nexcerpt: \"no title here\"\ncategories: [digests]\n---\n### Top News\n", "no title")]
    [InlineData("---\0\u0001\u0002\u0003binary\0junk", "not text")]
    public void MalformedDigestsAreRejectedWithAReason(string text, string reason)
    {
        var error = Assert.Throws<DocumentFormatException>(() => Reader.Read(new SourceText("broken.md", text)));
        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("001")]
    [InlineData("003")]
    [InlineData("004")]
    public void PlainTextSeedsAreNotDigests(string seed)
    {
        var path = SharedData.Seed(seed);
        Assert.Equal(0, Reader.Confidence(new SourceText(path, File.ReadAllText(path))));
    }

    [Theory]
    [InlineData("000")]
    [InlineData("002")]
    public void DigestSeedsAreDigests(string seed)
    {
        var path = SharedData.Seed(seed);
        Assert.Equal(1, Reader.Confidence(new SourceText(path, File.ReadAllText(path))));
    }

    [Fact]
    public void EveryCorpusDigestIsRecognised()
    {
        foreach (var file in Directory.GetFiles(SharedData.Digests, "*.md"))
            Assert.True(Reader.Confidence(new SourceText(file, File.ReadAllText(file))) == 1, Path.GetFileName(file));
    }

    [Theory]
    [InlineData("---\ntitle: A blog post\nlayout: post\n---\nSome text.")]
    [InlineData("---\ntitle: \"Last Week in AI #1\"\ncategories: [digests]\n")]
    [InlineData("")]
    [InlineData("\0\0\0")]
    public void OtherTextGetsZeroConfidence(string text) =>
        Assert.Equal(0, Reader.Confidence(new SourceText("x.md", text)));

    // The podcast player's links close the dropped "### Podcast" sections; the OpenAI link opens a prose paragraph
    // of a mini brief in 2019-07-28-24.md ("[OpenAI LP raised $1B from Microsoft](…). OpenAI, the non-profit…").
    private static bool NotAStoryLink(string url) =>
        url.StartsWith("https://www.youtube.com/channel/UCKARTq", StringComparison.Ordinal) || url == "https://openai.com/blog/microsoft/";

    // A story heading "#### [t](u)" or a one-line story "[t](u) - text" / "* [t](u). text" — the links the reader must keep.
    [GeneratedRegex(@"^(?:#{2,5}[ \t]*|[ \t]*(?:[*-][ \t]+)?)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])+\]\((?<url>https?://[^()\s]+)\)(?:[ \t\r]*$|[ \t]*(?:-|—|\.)[ \t]+\S)", RegexOptions.Multiline)]
    private static partial Regex LinkedStoryLine();
}
