using NewsBot.Domain;
using NewsBot.Domain.Text;
using NewsBot.Testing;

namespace NewsBot.Ingestion.Tests.Corpus;

/// <summary>The realistic corpus: every seed and digest, through the real pipeline into a real SQLite file.</summary>
public sealed class CorpusIngestTests(CorpusIndex corpus, ITestOutputHelper output) : IClassFixture<CorpusIndex>
{
    [Fact]
    public void The_whole_corpus_ingests_with_zero_errors()
    {
        foreach (var failure in corpus.Report.Failures) output.WriteLine($"{failure.Path}: {failure.Error}");
        Assert.Empty(corpus.Report.Failures);
        Assert.Equal(5 + 339, corpus.Report.Documents.Count);
        output.WriteLine($"{corpus.Report.Stories} stories, {corpus.Report.Passages} passages in {corpus.Report.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Every_kind_of_document_is_indexed_with_its_publication()
    {
        var stats = await corpus.Index.GetStatsAsync();
        Assert.Equal(344, stats.Documents);
        Assert.Contains(stats.Rows, r => r.Kind == DocumentKind.Digest && r.Publication == "Last Week in AI");
        Assert.Contains(stats.Rows, r => r.Kind == DocumentKind.Digest && r.Publication == "Skynet This Week");
        Assert.Contains(stats.Rows, r => r.Kind == DocumentKind.Newsletter);
        Assert.Contains(stats.Rows, r => r.Kind == DocumentKind.Transcript);
        Assert.Equal(Enumerable.Range(2018, 9), stats.Rows.Where(r => r.Kind == DocumentKind.Digest && r.Year is not null).Select(r => r.Year!.Value).Distinct().Order());
    }

    [Fact]
    public async Task Passages_stay_within_their_story_and_mostly_within_the_size_bounds()
    {
        var stories = await corpus.Index.GetLatestStoriesAsync(Index.SearchFilter.None, 100_000);
        var sizes = new List<int>();
        foreach (var story in stories.Take(3000))
        {
            var passages = await corpus.Index.GetPassagesAsync(story.Id);
            Assert.NotEmpty(passages);
            foreach (var p in passages)
            {
                Assert.Equal(story.Text.Substring(p.Start, p.Length), p.Text);
                Assert.Equal(story.Title, p.StoryTitle);
                sizes.Add(Words.Count(p.Text));
            }
            if (Words.Count(story.Text) >= 60) Assert.All(passages, p => Assert.InRange(Words.Count(p.Text), 1, 200));
        }
        output.WriteLine($"{sizes.Count} passages, median {sizes.Order().ElementAt(sizes.Count / 2)} words");
    }
}
