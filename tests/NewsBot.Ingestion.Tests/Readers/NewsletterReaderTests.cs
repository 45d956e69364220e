using NewsBot.Domain;
using NewsBot.Ingestion.Readers;
using NewsBot.Testing;
using Xunit.Abstractions;

namespace NewsBot.Ingestion.Tests.Readers;

public sealed class NewsletterReaderTests(ITestOutputHelper output)
{
    private readonly NewsletterReader _reader = new();

    private static SourceText Seed(string prefix) { var path = SharedData.Seed(prefix); return new SourceText(path, File.ReadAllText(path)); }

    /// <summary>
    /// Stands in for the real mojibake repair of seed 003: apostrophes come back, unrecoverable emoji bytes go.
    /// Some leftovers ("°", "§®", "„") stay, as they may after a partial repair.
    /// </summary>
    private static SourceText Repaired(SourceText raw)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(raw.Text, @"(?<=\p{L})ā(?=\p{L})", "’");
        foreach (var c in "šļøā”") text = text.Replace(c.ToString(), "");
        return raw with { Text = text };
    }

    private ParsedDocument ReadAndShow(SourceText source)
    {
        var doc = _reader.Read(source);
        output.WriteLine($"{doc.Title} | {doc.Publication} | {doc.Date}");
        foreach (var s in doc.Stories)
            output.WriteLine($"  [{s.Text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length,4} words] {s.Title}  <{string.Join(", ", s.SourceNames)}>");
        return doc;
    }

    [Fact]
    public void Weekly_newsletter_has_title_publication_and_week_date()
    {
        var doc = ReadAndShow(Seed("001"));

        Assert.Equal("AI Unveiled: Critical Discoveries Reshaping the Field This Week", doc.Title);
        Assert.Equal("AI Unveiled", doc.Publication);
        Assert.Equal(new DateOnly(2025, 12, 1), doc.Date);
        Assert.Equal(DocumentKind.Newsletter, doc.Kind);
    }

    [Fact]
    public void Weekly_newsletter_splits_at_standalone_headlines_after_an_introduction()
    {
        var doc = ReadAndShow(Seed("001"));

        Assert.Equal(12, doc.Stories.Count);
        Assert.Equal(doc.Title, doc.Stories[0].Title);
        Assert.StartsWith("The first week of December 2025 delivered", doc.Stories[0].Text);
        Assert.Equal("DeepSeek-V3.2 shatters the closed-source ceiling", doc.Stories[1].Title);
        Assert.Equal("NVIDIA and OpenAI commit $100 billion to AI infrastructure", doc.Stories[2].Title);
        Assert.Equal("Tesla Optimus demonstrates running; MIT achieves speech-to-object fabrication", doc.Stories[7].Title);
        Assert.Equal("Near-term outlook points toward infrastructure scaling and open-source competition", doc.Stories[^1].Title);
        Assert.StartsWith("The most significant technical breakthrough", doc.Stories[1].Text);
        Assert.EndsWith("enabling immediate deployment and fine-tuning by the research community.", doc.Stories[1].Text);
    }

    [Fact]
    public void Weekly_newsletter_credits_become_source_names_and_leave_clean_text()
    {
        var doc = ReadAndShow(Seed("001"));

        foreach (var story in doc.Stories)
        {
            Assert.DoesNotContain("](#)", story.Text);
            Assert.DoesNotContain("[", story.Text);
            Assert.DoesNotContain("**", story.Text);
            Assert.DoesNotContain("\\$", story.Text);
        }
        Assert.Equal(["NVIDIA Newsroom", "FDA", "TechCrunch"], doc.Stories[0].SourceNames);
        Assert.Contains("spanning 10 gigawatts of compute—the largest AI infrastructure deal in history", doc.Stories[0].Text);
        Assert.Contains("Medium", doc.Stories[1].SourceNames);
        Assert.Contains("neurips", doc.Stories[4].SourceNames, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("(neurips)", doc.Stories[4].Text);
        // Parentheses that are not credits stay.
        Assert.Contains("DeepSeek Sparse Attention (DSA)", doc.Stories[1].Text);
        Assert.Contains("$O(L^2)$", doc.Stories[1].Text);
    }

    [Fact]
    public void Weekly_newsletter_rejoins_paragraphs_broken_at_a_blank_line()
    {
        var doc = ReadAndShow(Seed("001"));

        Assert.Contains("at least 10 gigawatts of AI computing capacity—a scale measurement", doc.Stories[2].Text);
        Assert.Contains("published findings from joint alignment evaluations", doc.Stories[6].Text);
        Assert.Contains("training objectives—a fundamental challenge", doc.Stories[10].Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Daily_newsletter_splits_at_its_contents_list_whatever_became_of_the_emoji(bool repaired)
    {
        var raw = Seed("003");
        var doc = ReadAndShow(repaired ? Repaired(raw) : raw);

        Assert.Equal("DeepSeek launches new AI models aimed at challenging Google and OpenAI", doc.Title);
        Assert.Equal(new DateOnly(2025, 12, 1), doc.Date);
        Assert.Equal("Daily AI newsletter", doc.Publication);
        Assert.Equal(4, doc.Stories.Count);
        Assert.Equal(
            [
                "DeepSeek launches new AI models aimed at challenging Google and OpenAI",
                "OpenAI is getting hit with more legal trouble, and things keep stacking up",
                "Leak confirms OpenAI is preparing ads on ChatGPT for public roll out",
                "Deep Dive Article: How TPUs deliver 4x better cost-performance than Nvidia GPUs for AI inference workloads",
            ],
            doc.Stories.Select(s => s.Title));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Daily_newsletter_keeps_sub_headings_inside_stories_and_drops_boilerplate(bool repaired)
    {
        var raw = Seed("003");
        var doc = ReadAndShow(repaired ? Repaired(raw) : raw);
        var deepSeek = doc.Stories[0].Text;

        Assert.StartsWith("Deepseek reduced attention complexity", deepSeek);
        Assert.Contains("Model architecture and training:", deepSeek);
        Assert.Contains("Stage 1: dense warm up so the sparse module copies dense attention", deepSeek);
        Assert.Contains("Stage 2: switch to sparse attention and slowly adapt", deepSeek);
        Assert.EndsWith("near linear compute scaling.", deepSeek);
        Assert.StartsWith("OpenAI now has to hand over internal chats", doc.Stories[1].Text);
        Assert.EndsWith("turn into a serious revenue stream.", doc.Stories[2].Text);

        var all = string.Join("\n", doc.Stories.Select(s => s.Text));
        Assert.DoesNotContain("Read time", all);
        Assert.DoesNotContain("Browse past editions", all);
        Assert.DoesNotContain("I publish this", all);
        Assert.DoesNotContain("a wrap for today", all);
        Assert.DoesNotContain("Edition (1-Dec-2025)", all);
        // The contents list is not a story, nor part of one: its entries are only titles.
        Assert.DoesNotContain(doc.Stories, s => s.Text.Contains("Leak confirms OpenAI is preparing ads"));
    }

    [Fact]
    public void Repaired_daily_newsletter_loses_no_apostrophes()
    {
        var doc = ReadAndShow(Repaired(Seed("003")));

        Assert.Contains("DeepSeek’s agent-training approach", doc.Stories[0].Text);
        Assert.DoesNotContain("ā", string.Concat(doc.Stories.Select(s => s.Title + s.Text)));
    }

    [Fact]
    public void Emoji_led_headlines_split_stories_when_there_is_no_contents_list()
    {
        const string text = """
            AI Daily Brief, 2 December 2025
            🗞️ Mistral ships Large 3
            Mistral released Large 3 with open weights.
            It is a mixture of experts.
            ⚡ AWS unveils Trainium3
            The chip is built on a 3nm process.
            📰 Runway tops video benchmarks
            Gen-4.5 leads the leaderboard.
            """;

        var doc = ReadAndShow(new SourceText("brief.txt", text));

        Assert.Equal(new DateOnly(2025, 12, 2), doc.Date);
        Assert.Equal(["Mistral ships Large 3", "AWS unveils Trainium3", "Runway tops video benchmarks"], doc.Stories.Select(s => s.Title));
        Assert.Equal("Mistral released Large 3 with open weights.\n\nIt is a mixture of experts.", doc.Stories[0].Text);
    }

    [Fact]
    public void Dates_are_read_in_common_formats_and_never_invented()
    {
        static DateOnly? DateOf(string firstLines) =>
            new NewsletterReader().Read(new SourceText("n.txt", firstLines + "\n\nHeadline one here\n\nBody text of the story goes here, long enough to be one.")).Date;

        Assert.Equal(new DateOnly(2025, 12, 1), DateOf("Weekly AI\n\nPublished December 1, 2025."));
        Assert.Equal(new DateOnly(2025, 12, 1), DateOf("Weekly AI\n\nPublished 1 December 2025."));
        Assert.Equal(new DateOnly(2025, 12, 1), DateOf("Weekly AI\n\nPublished 2025-12-01."));
        Assert.Equal(new DateOnly(2025, 12, 15), DateOf("Weekly AI\n\nThe third week of December 2025 was busy."));
        Assert.Null(DateOf("Weekly AI\n\nWhat happened in December 2025."));
    }

    [Fact]
    public void Unreadable_input_is_refused_with_a_reason()
    {
        Assert.Throws<DocumentFormatException>(() => _reader.Read(new SourceText("e.txt", "  \n\n")));
        Assert.Throws<DocumentFormatException>(() => _reader.Read(new SourceText("b.bin", "PK\0\u0003\u0004\0\0")));
    }
}
