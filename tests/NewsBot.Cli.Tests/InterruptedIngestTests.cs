using System.Diagnostics;
using NewsBot.Index.Sqlite;
using NewsBot.Ingestion.Pipeline;
using NewsBot.Testing;

namespace NewsBot.Cli.Tests;

/// <summary>Killing the CLI in the middle of an ingest leaves every document either fully in the index or not at all.</summary>
public sealed class InterruptedIngestTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task An_ingest_killed_midway_leaves_whole_documents_and_resumes_to_the_same_index()
    {
        var killedDb = _dir.File("killed.db");
        using (var process = Process.Start(CliRunner.StartInfo(_dir.Path, null, "ingest", "--db", killedDb, SharedData.Digests))!)
        {
            var documents = await WaitForDocumentsAsync(killedDb, process, atLeast: 30);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            output.WriteLine($"killed after {documents} documents");
            Assert.InRange(documents, 30, 338);
        }

        long killedDocuments;
        await using (var index = await SqliteNewsIndex.OpenAsync(killedDb))
            killedDocuments = (await index.GetStatsAsync()).Documents;

        // Resuming skips exactly the documents that were complete, and ends where an uninterrupted ingest ends.
        var resumed = await CliRunner.RunAsync(_dir, "ingest", "--db", killedDb, SharedData.Digests);
        Assert.Equal(0, resumed.ExitCode);
        var clean = await CliRunner.RunAsync(_dir, "ingest", "--db", _dir.File("clean.db"), SharedData.Digests);
        Assert.Equal(0, clean.ExitCode);

        await using var killed = await SqliteNewsIndex.OpenAsync(killedDb);
        await using var reference = await SqliteNewsIndex.OpenAsync(_dir.File("clean.db"));
        var a = await killed.GetStatsAsync();
        var b = await reference.GetStatsAsync();
        Assert.Equal((b.Documents, b.Stories, b.Passages), (a.Documents, a.Stories, a.Passages));
        Assert.Equal(b.Rows, a.Rows);
        Assert.True(killedDocuments < b.Documents);
    }

    private static async Task<long> WaitForDocumentsAsync(string db, Process process, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            if (File.Exists(db))
            {
                try
                {
                    await using var index = await SqliteNewsIndex.OpenAsync(db);
                    var count = (await index.GetStatsAsync()).Documents;
                    if (count >= atLeast) return count;
                }
                catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException) { /* the writer is migrating; look again */ }
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("the ingest finished or stalled before it could be interrupted");
    }
}
