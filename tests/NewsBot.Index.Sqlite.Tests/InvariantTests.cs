using Microsoft.Data.Sqlite;
using static NewsBot.Index.Sqlite.Tests.TestData;

namespace NewsBot.Index.Sqlite.Tests;

/// <summary>Random sequences of writes, checked against a model of what the index must hold after each.</summary>
public class InvariantTests : IndexTestBase
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Random_replaces_and_removals_keep_stories_canonical_and_counts_consistent(int seed)
    {
        var random = new Random(seed);
        var documents = new Dictionary<string, (DocumentRecord Document, List<StoryRecord> Stories)>();
        for (var step = 0; step < 40; step++)
        {
            var path = $"doc{random.Next(5)}.md";
            if (random.Next(5) == 0)
            {
                Assert.Equal(documents.Remove(path), await Index.RemoveDocumentAsync(path));
            }
            else
            {
                var document = Document(path, random.Next(3) == 0 ? null : Day(2024, 1, 1 + random.Next(28)));
                var stories = Enumerable.Range(0, random.Next(4)).Select(_ => RandomStory(random)).ToList();
                await Index.ReplaceDocumentAsync(document, stories);
                documents[path] = (document, stories.GroupBy(s => s.Id).Select(g => g.MaxBy(s => s.Text.Length)!).ToList());
            }
            await AssertMatchesModelAsync(documents);
        }
    }

    /// <summary>One of eight story ids, told at one of three lengths, sometimes with its own date.</summary>
    private static StoryRecord RandomStory(Random random)
    {
        var n = random.Next(8);
        var text = string.Join(" ", Enumerable.Range(0, 1 + random.Next(3)).Select(i => $"Sentence {i} about topic{n}."));
        return Story($"Story {n}", text, id: $"story-{n}", date: random.Next(4) == 0 ? Day(2023, 12, 1 + random.Next(28)) : null);
    }

    private async Task AssertMatchesModelAsync(Dictionary<string, (DocumentRecord Document, List<StoryRecord> Stories)> documents)
    {
        var versions = documents.Values
            .SelectMany(d => d.Stories.Select(s => (d.Document, Story: s)))
            .GroupBy(v => v.Story.Id)
            .ToDictionary(g => g.Key, g => g.ToList());

        var stats = await Index.GetStatsAsync();
        Assert.Equal(documents.Count, stats.Documents);
        Assert.Equal(versions.Count, stats.Stories);

        long passages = 0;
        foreach (var (id, storyVersions) in versions)
        {
            var story = (await Index.GetStoryAsync(id))!;
            var longest = storyVersions.Max(v => v.Story.Text.Length);
            Assert.Equal(longest, story.Text.Length);
            Assert.Equal(storyVersions.Select(v => v.Story.Date ?? v.Document.Date).Where(d => d is not null).Min(), story.Date);
            Assert.Equal(storyVersions.Select(v => v.Document.Path).Order(), story.Sources.Select(s => s.DocumentPath).Order());
            var canonicalPassages = await Index.GetPassagesAsync(id);
            Assert.Equal(story.Text, string.Concat(canonicalPassages.Select(p => p.Text)));
            passages += canonicalPassages.Count;
        }
        Assert.Equal(passages, stats.Passages);
        Assert.Equal(passages, (await Index.GetTermStatisticsAsync(["sentenc"])).DocumentFrequencies["sentenc"]);

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DbPath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM passage_fts), (SELECT passages FROM index_state),
                   (SELECT count(*) FROM passages), (SELECT count(*) FROM story_versions);
            INSERT INTO passage_fts (passage_fts) VALUES ('integrity-check');
            """;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(passages, reader.GetInt64(0));
        Assert.Equal(passages, reader.GetInt64(1));
        Assert.Equal(documents.Values.Sum(d => d.Stories.Sum(s => (long)s.Passages.Count)), reader.GetInt64(2));
        Assert.Equal(documents.Values.Sum(d => (long)d.Stories.Count), reader.GetInt64(3));
    }
}
