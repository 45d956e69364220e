using NewsBot.Ingestion.Readers;
using NewsBot.Testing;
using Xunit.Abstractions;

namespace NewsBot.Ingestion.Tests.Readers;

/// <summary>Newsletters and transcripts are both plain text: their readers' confidences must pick the right one.</summary>
public sealed class PlainTextReaderConfidenceTests(ITestOutputHelper output)
{
    private readonly NewsletterReader _newsletter = new();
    private readonly TranscriptReader _transcript = new();

    private static SourceText Seed(string prefix) { var path = SharedData.Seed(prefix); return new SourceText(path, File.ReadAllText(path)); }

    private (double Newsletter, double Transcript) Confidences(SourceText source)
    {
        var scores = (_newsletter.Confidence(source), _transcript.Confidence(source));
        output.WriteLine($"{source.FileName}: newsletter {scores.Item1:F2}, transcript {scores.Item2:F2}");
        return scores;
    }

    [Theory]
    [InlineData("001")]
    [InlineData("003")]
    public void Newsletters_go_to_the_newsletter_reader(string seed)
    {
        var (newsletter, transcript) = Confidences(Seed(seed));

        Assert.True(newsletter >= 0.8, $"newsletter confidence {newsletter}");
        Assert.True(transcript < 0.3, $"transcript confidence {transcript}");
    }

    [Fact]
    public void Podcast_transcript_goes_to_the_transcript_reader()
    {
        var (newsletter, transcript) = Confidences(Seed("004"));

        Assert.True(transcript >= 0.8, $"transcript confidence {transcript}");
        Assert.True(newsletter < 0.3, $"newsletter confidence {newsletter}");
    }

    [Theory]
    [InlineData("000")]
    [InlineData("002")]
    public void Digest_seeds_with_front_matter_are_for_neither(string seed)
    {
        Assert.Equal((0.0, 0.0), Confidences(Seed(seed)));
    }

    [Fact]
    public void Digest_corpus_file_is_for_neither()
    {
        var path = SharedData.Digest("2025-12-08-328.md");

        Assert.Equal((0.0, 0.0), Confidences(new SourceText(path, File.ReadAllText(path))));
    }

    [Fact]
    public void Empty_and_binary_input_are_for_neither()
    {
        Assert.Equal((0.0, 0.0), Confidences(new SourceText("e.txt", " \n ")));
        Assert.Equal((0.0, 0.0), Confidences(new SourceText("b.bin", "\0\u0001\u0002PNG")));
    }

    [Theory]
    [InlineData("001")]
    [InlineData("003")]
    [InlineData("004")]
    public void Either_reader_copes_with_the_other_kind(string seed)
    {
        var source = Seed(seed);

        Assert.NotEmpty(_newsletter.Read(source).Stories);
        Assert.NotEmpty(_transcript.Read(source).Stories);
    }
}
