using System.Diagnostics;
using System.Text.Json;
using NewsBot.Testing;

namespace NewsBot.Cli.Tests;

/// <summary>
/// <c>newsbot bench http</c> end to end on a tiny keyword-only index: it starts the server, loads it, reports JSON,
/// and stops the server. Only the shape and the error count are checked; figures are the benchmark's, never a test's.
/// </summary>
public sealed class BenchHttpCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Bench_http_serves_a_tiny_index_answers_without_errors_and_stops_the_server()
    {
        var keywordsOnly = new Dictionary<string, string> { ["NEWSBOT__EMBEDDINGS__MODEL"] = "none" };
        var db = _dir.File("index.db");
        var (ingested, log) = await CliRunner.RunAsync(_dir.Path, keywordsOnly, "ingest", "--db", db, SharedData.Seeds);
        Assert.True(ingested == 0, log);

        var questions = Path.Combine(SharedData.Eval, "questions.dev.jsonl");
        using var process = Process.Start(CliRunner.StartInfo(_dir.Path, keywordsOnly,
            "bench", "http", "--db", db, "--clients", "2", "--seconds", "1", "--warmup", "0", "--questions", questions, "--json"))!;
        try
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            var output = await stdout;
            Assert.True(process.ExitCode == 0, output + await stderr);

            using var json = JsonDocument.Parse(output);
            var root = json.RootElement;
            Assert.True(root.GetProperty("requests").GetInt64() > 0, output);
            Assert.Equal(0, root.GetProperty("errors").GetInt64());
            Assert.Equal(2, root.GetProperty("clients").GetInt32());
            Assert.EndsWith("/api/ask", root.GetProperty("endpoint").GetString());
            Assert.True(root.GetProperty("latencyMs").GetProperty("p99").GetDouble() > 0, output);
            Assert.Equal(3, root.GetProperty("targets").GetArrayLength());
            var serverPid = root.GetProperty("serverPid").GetInt32();
            if (OperatingSystem.IsLinux()) Assert.False(Directory.Exists($"/proc/{serverPid}"), "the server is still running");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
