using System.Diagnostics;
using Microsoft.Data.Sqlite;
using NewsBot.Testing;
using static NewsBot.Index.Sqlite.Tests.TestData;

namespace NewsBot.Index.Sqlite.Tests;

/// <summary>A process killed in the middle of a document write leaves the index as it was before that document.</summary>
public class CrashTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Killing_the_writer_midway_leaves_the_index_as_before()
    {
        var path = _dir.File("news.db");
        var story = Story("Before the crash", "This was committed. It must survive.");
        await using (var index = await SqliteNewsIndex.OpenAsync(path))
            await index.ReplaceDocumentAsync(Document("before.md"), [story]);

        var marker = _dir.File("midway");
        using (var writer = StartWriter(path, stories: 20_000, marker))
        {
            try
            {
                var deadline = Stopwatch.StartNew();
                while (!File.Exists(marker))
                {
                    if (writer.HasExited)
                        Assert.Fail("the writer ended before reaching the middle of its write: " + await writer.StandardError.ReadToEndAsync());
                    Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), "the writer did not reach the middle of its write in time");
                    await Task.Delay(20);
                }
            }
            finally
            {
                writer.Kill(entireProcessTree: true);
                await writer.WaitForExitAsync();
            }
        }

        Assert.Equal("ok", await ScalarAsync(path, "PRAGMA integrity_check"));
        await using (var index = await SqliteNewsIndex.OpenAsync(path))
        {
            var stats = await index.GetStatsAsync();
            Assert.Equal((1L, 1L, 2L), (stats.Documents, stats.Stories, stats.Passages));
            Assert.Null(await index.GetDocumentHashAsync("big.md"));
            Assert.Equal(story.Text, (await index.GetStoryAsync(story.Id))!.Text);
            Assert.Empty(await index.SearchLexicalAsync(new LexicalQuery(["sentenc"], SearchFilter.None, 10)));
            Assert.Equal(2, (await index.GetTermStatisticsAsync(["commit"])).PassageCount);
        }
        // FTS5's own consistency check of its index against its content.
        await ScalarAsync(path, "INSERT INTO passage_fts (passage_fts) VALUES ('integrity-check')");
    }

    private static Process StartWriter(string path, int stories, string marker)
    {
        var helper = Path.Combine(AppContext.BaseDirectory, "NewsBot.Index.Sqlite.CrashHelper.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "exec", helper, path, stories.ToString(), marker }) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    private static async Task<object?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
