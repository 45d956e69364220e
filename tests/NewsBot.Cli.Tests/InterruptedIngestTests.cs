using System.Diagnostics;
using NewsBot.Index.Sqlite;
using NewsBot.Ingestion.Pipeline;
using NewsBot.Testing;

namespace NewsBot.Cli.Tests;

/// <summary>
/// Killing the CLI in the middle of an ingest (with USE-Lite embeddings, the default) leaves every document either fully
/// in the index, vectors included, or not at all. 60 digests keep the three ingests short.
/// </summary>
public sealed class InterruptedIngestTests(ITestOutputHelper output) : IDisposable
{
    private const int Documents = 60;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task An_ingest_killed_midway_leaves_whole_documents_and_resumes_to_the_same_index()
    {
        var corpus = Directory.CreateDirectory(_dir.File("digests")).FullName;
        foreach (var file in Directory.GetFiles(SharedData.Digests).Order(StringComparer.Ordinal).Take(Documents))
            File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
        var killedDb = _dir.File("killed.db");
        using (var process = Process.Start(CliRunner.StartInfo(_dir.Path, null, "ingest", "--db", killedDb, corpus))!)
        {
            var documents = await WaitForDocumentsAsync(killedDb, process, atLeast: 10);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            output.WriteLine($"killed after {documents} documents");
            Assert.InRange(documents, 10, Documents - 1);
        }

        long killedDocuments;
        await using (var index = await SqliteNewsIndex.OpenAsync(killedDb))
            killedDocuments = (await index.GetStatsAsync()).Documents;

        // Resuming skips exactly the documents that were complete, and ends where an uninterrupted ingest ends.
        var resumed = await CliRunner.RunAsync(_dir, "ingest", "--db", killedDb, corpus);
        Assert.Equal(0, resumed.ExitCode);
        var clean = await CliRunner.RunAsync(_dir, "ingest", "--db", _dir.File("clean.db"), corpus);
        Assert.Equal(0, clean.ExitCode);

        await using var killed = await SqliteNewsIndex.OpenAsync(killedDb);
        await using var reference = await SqliteNewsIndex.OpenAsync(_dir.File("clean.db"));
        var a = await killed.GetStatsAsync();
        var b = await reference.GetStatsAsync();
        Assert.Equal((b.Documents, b.Stories, b.Passages), (a.Documents, a.Stories, a.Passages));
        Assert.Equal(b.Rows, a.Rows);
        Assert.True(killedDocuments < b.Documents);
        var killedVectors = await killed.GetEmbeddingStateAsync();
        var cleanVectors = await reference.GetEmbeddingStateAsync();
        Assert.NotNull(cleanVectors.Model);
        Assert.Equal(cleanVectors.Model, killedVectors.Model);
        Assert.Equal((0L, 0L), (killedVectors.PassagesWithoutVectors, cleanVectors.PassagesWithoutVectors));
        var killedDense = await killed.LoadDenseIndexAsync(killedVectors.Model!);
        var cleanDense = await reference.LoadDenseIndexAsync(cleanVectors.Model!);
        Assert.Equal(cleanDense.Count, killedDense.Count);
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
