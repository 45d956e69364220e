using NewsBot.Domain;
using NewsBot.Ingestion.Readers;
using NewsBot.Ingestion.Readers.Transcript;
using NewsBot.Testing;
using Xunit.Abstractions;

namespace NewsBot.Ingestion.Tests.Readers;

public sealed class TranscriptReaderTests(ITestOutputHelper output)
{
    private static readonly Lazy<SourceText> Podcast = new(() => Source(SharedData.Seed("004")));
    private readonly TranscriptReader _reader = new();

    private static SourceText Source(string path) => new(path, File.ReadAllText(path));

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private ParsedDocument ReadAndShow()
    {
        var doc = _reader.Read(Podcast.Value);
        output.WriteLine($"{doc.Title} | {doc.Publication} | {doc.Date?.ToString() ?? "no date"}");
        foreach (var s in doc.Stories)
            output.WriteLine($"  @{s.StartOffset,6} [{WordCount(s.Text),4} words] {s.Section ?? "-",-26} {s.Title}\n          | {s.Text[..Math.Min(160, s.Text.Length)]}");
        return doc;
    }

    [Fact]
    public void Podcast_is_named_from_its_greeting_and_has_no_invented_date()
    {
        var doc = ReadAndShow();

        Assert.Equal("Last Week in AI Podcast", doc.Publication);
        Assert.StartsWith("Last Week in AI Podcast: ", doc.Title);
        Assert.Equal(DocumentKind.Transcript, doc.Kind);
        Assert.Null(doc.Date);
    }

    [Fact]
    public void Segments_hold_200_to_800_words_except_the_introduction_and_the_last()
    {
        var doc = ReadAndShow();
        var inner = doc.Stories.Skip(1).SkipLast(1).ToList();

        Assert.InRange(doc.Stories.Count, 23, 40);
        Assert.All(inner, s => Assert.InRange(WordCount(s.Text), 200, 800));
        Assert.All(doc.Stories, s => Assert.InRange(WordCount(s.Text), 1, 800));
    }

    [Fact]
    public void Segments_start_at_sentence_starts_in_the_rejoined_text_and_cover_it_in_order()
    {
        var doc = ReadAndShow();
        var text = TranscriptText.Rejoin(Podcast.Value.Text);

        Assert.Equal(0, doc.Stories[0].StartOffset);
        for (var i = 0; i < doc.Stories.Count; i++)
        {
            var story = doc.Stories[i];
            var start = story.StartOffset!.Value;
            Assert.Equal(story.Text, text.Substring(start, story.Text.Length));
            Assert.True(char.IsUpper(story.Text[0]), $"segment {i} starts mid-sentence: {story.Text[..40]}");
            if (i > 0)
            {
                var previous = doc.Stories[i - 1];
                Assert.Equal(previous.StartOffset!.Value + previous.Text.Length + 1, start);
                Assert.Matches(@"[.!?]$", previous.Text);
            }
        }
    }

    [Theory]
    [InlineData("bats in my house")]
    [InlineData("Ernie X1 is the reasoning variant")]
    [InlineData("openai.fm")]
    [InlineData("150 per million tokens for input and $600 per million tokens")]
    [InlineData("one megawatt per rack")]
    [InlineData("this is an API for an API")]
    public void Evaluation_evidence_stays_whole_inside_one_segment(string evidence)
    {
        var doc = ReadAndShow();

        Assert.Contains(doc.Stories, s => s.Text.Contains(evidence, StringComparison.Ordinal));
    }

    [Fact]
    public void Segments_have_informative_titles()
    {
        var doc = ReadAndShow();

        Assert.All(doc.Stories, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Title));
            Assert.DoesNotMatch(@"(?i)^(segment|part|story|discussion)\b", s.Title);
            Assert.InRange(WordCount(s.Title), 2, 16);
        });
        Assert.Equal(doc.Stories.Count, doc.Stories.Select(s => s.Title).Distinct().Count());
        Assert.StartsWith("Introduction", doc.Stories[0].Title);
        Assert.Contains("bats in my house", doc.Stories[0].Text);
        Assert.Equal("Baidu launching two new versions of the Ernie model", doc.Stories[1].Title);
    }

    [Fact]
    public void Segments_know_the_show_section_they_are_in()
    {
        var doc = ReadAndShow();

        Assert.Null(doc.Stories[0].Section);
        Assert.Equal("Tools and Apps", doc.Stories[1].Section);
        var sections = doc.Stories.Select(s => s.Section).Where(s => s is not null).Distinct().ToList();
        Assert.Equal(
            ["Tools and Apps", "Applications and Business", "Projects and Open Source", "Research and Advancements", "Policy and Safety", "Synthetic Media and Art"],
            sections);
        var rubin = doc.Stories.Single(s => s.Text.Contains("megawatt per rack"));
        Assert.Equal("Applications and Business", rubin.Section);
    }

    [Fact]
    public void Sign_off_and_theme_song_are_not_news()
    {
        var doc = ReadAndShow();

        Assert.DoesNotContain(doc.Stories, s => s.Text.Contains("Thank you so much for listening") || s.Text.Contains('♪'));
    }

    [Fact]
    public void Unreadable_input_is_refused_with_a_reason()
    {
        Assert.Throws<DocumentFormatException>(() => _reader.Read(new SourceText("e.txt", "")));
        Assert.Throws<DocumentFormatException>(() => _reader.Read(new SourceText("b.bin", "\u0001\u0002\0\u0003binary")));
        Assert.Throws<DocumentFormatException>(() => _reader.Read(new SourceText("d.md", File.ReadAllText(SharedData.Digest("2025-12-08-328.md")))));
    }

    [Fact]
    public void Talk_without_announcements_is_cut_where_its_vocabulary_shifts()
    {
        // The weekly newsletter read aloud: 2,300 words and not one "next story".
        var newsletter = File.ReadAllText(SharedData.Seed("001"));
        var doc = _reader.Read(new SourceText("talk.txt", newsletter));
        foreach (var s in doc.Stories) output.WriteLine($"[{WordCount(s.Text),4} words] {s.Title}");

        Assert.InRange(doc.Stories.Count, 3, 12);
        Assert.All(doc.Stories.SkipLast(1), s => Assert.InRange(WordCount(s.Text), 200, 800));
        Assert.StartsWith("Introduction", doc.Stories[0].Title);
        Assert.DoesNotContain(doc.Stories.Skip(1), s => s.Title.StartsWith("Introduction", StringComparison.Ordinal));
    }

    [Fact]
    public void Short_transcript_without_transitions_is_one_segment()
    {
        var doc = _reader.Read(new SourceText("t.txt", "Welcome to the Tiny podcast. Today we talk about\nsmall models and why they matter. That is all."));

        Assert.Equal("Tiny Podcast", doc.Publication);
        var story = Assert.Single(doc.Stories);
        Assert.Equal(0, story.StartOffset);
        Assert.Contains("Today we talk about small models", story.Text);
    }
}
