using System.Net.Http.Json;
using System.Text.Json;
using NewsBot.Testing;

namespace NewsBot.Qdrant.Tests.Store;

/// <summary>
/// The hosts, unchanged, on Qdrant by configuration alone (<c>VectorStore:Kind</c> and <c>VectorStore:Qdrant:*</c>, set
/// here as NEWSBOT__ environment variables): the CLI as a child process (ingest, ask, stats, eval, migrate) and the
/// server (<c>serve</c>'s host), with the real USE-Lite model.
/// </summary>
public sealed class QdrantHostsTests(QdrantHarness qdrant) : IClassFixture<QdrantHarness>, IDisposable
{
    private readonly TempDir _dir = new();

    private Dictionary<string, string> Environment(string collection) => new()
    {
        ["NEWSBOT__VECTORSTORE__KIND"] = "Qdrant",
        ["NEWSBOT__VECTORSTORE__QDRANT__URL"] = qdrant.Server.Url.ToString(),
        ["NEWSBOT__VECTORSTORE__QDRANT__APIKEY"] = QdrantHarness.ApiKey,
        ["NEWSBOT__VECTORSTORE__QDRANT__COLLECTION"] = collection,
        ["NEWSBOT__STORE__PATH"] = _dir.File("unused.db"),
    };

    [Fact]
    public async Task Ingest_ask_stats_and_eval_work_unchanged_on_Qdrant()
    {
        var env = Environment("cli");
        var (code, output) = await CliRunner.RunAsync(_dir.Path, env, "ingest", SharedData.Seed("000"), SharedData.Seed("004"));
        Assert.True(code == 0, output);
        Assert.False(File.Exists(_dir.File("unused.db")), "the embedded store was opened although Qdrant is configured");

        (code, output) = await CliRunner.RunAsync(_dir.Path, env, "ask", "--json", "Which chip did AWS unveil at re:Invent 2025?");
        Assert.True(code == 0, output);
        using (var answer = JsonDocument.Parse(output))
        {
            Assert.Contains("Trainium3", answer.RootElement.GetProperty("text").GetString());
            Assert.NotEqual(0, answer.RootElement.GetProperty("citations").GetArrayLength());
        }

        (code, output) = await CliRunner.RunAsync(_dir.Path, env, "stats");
        Assert.True(code == 0, output);
        Assert.Contains("Podcast", output, StringComparison.OrdinalIgnoreCase);

        (code, output) = await CliRunner.RunAsync(_dir.Path, env, "eval", "--json", "--questions", Path.Combine(SharedData.Eval, "questions.dev.jsonl"));
        Assert.True(code == 0, output);
        using (var report = JsonDocument.Parse(output))
            Assert.True(report.RootElement.GetProperty("recall@5").GetDouble() > 0);
        qdrant.AssertEveryBodyValid();
    }

    [Fact]
    public async Task Migrate_copies_an_embedded_index_into_Qdrant_and_resumes_without_copying_twice()
    {
        var db = _dir.File("embedded.db");
        var (code, output) = await CliRunner.RunAsync(_dir.Path, null, "ingest", "--db", db, SharedData.Seed("001"), SharedData.Seed("003"));
        Assert.True(code == 0, output);
        var env = Environment("migrated");

        (code, output) = await CliRunner.RunAsync(_dir.Path, env, "migrate", "--to", "qdrant", "--db", db);
        Assert.True(code == 0, output);
        Assert.Contains("Qdrant: 2 documents", output);
        Assert.Contains("migrate: 2/2 documents", output);
        var points = qdrant.Server.PointCount("migrated");

        (code, output) = await CliRunner.RunAsync(_dir.Path, env, "migrate", "--to", "qdrant", "--db", db);
        Assert.True(code == 0, output);
        Assert.Equal(points, qdrant.Server.PointCount("migrated"));

        var (asked, answer) = await CliRunner.RunAsync(_dir.Path, env, "ask", "--json", "DeepSeek");
        Assert.True(asked == 0, answer);
        Assert.NotEqual(0, JsonDocument.Parse(answer).RootElement.GetProperty("citations").GetArrayLength());
        qdrant.AssertEveryBodyValid();
    }

    [Fact]
    public async Task Migrate_and_serve_explain_what_is_missing()
    {
        var (code, output) = await CliRunner.RunAsync(_dir.Path, Environment("x"), "migrate", "--to", "qdrant", "--db", _dir.File("missing.db"));
        Assert.Equal(2, code);
        Assert.Contains("No embedded index", output);

        var env = Environment("x");
        env["NEWSBOT__VECTORSTORE__QDRANT__URL"] = "not a url";
        (code, output) = await CliRunner.RunAsync(_dir.Path, env, "stats");
        Assert.Equal(2, code);
        Assert.Contains("VectorStore:Qdrant:Url", output);

        env = Environment("x");
        env["NEWSBOT__VECTORSTORE__KIND"] = "Pinecone";
        (code, output) = await CliRunner.RunAsync(_dir.Path, env, "stats");
        Assert.Equal(2, code);
        Assert.Contains("VectorStore", output);
    }

    [Fact]
    public async Task The_server_answers_and_records_feedback_from_Qdrant()
    {
        var env = Environment("served");
        var (code, output) = await CliRunner.RunAsync(_dir.Path, env, "ingest", SharedData.Seed("000"));
        Assert.True(code == 0, output);
        var configuration = env.ToDictionary(e => e.Key["NEWSBOT__".Length..].Replace("__", ":"), e => (string?)e.Value);
        configuration["Web:PermitsPerMinute"] = "100000";
        configuration["Web:Burst"] = "1000";
        await using var server = new ServerFactory(configuration);
        using var client = await server.CreateReadyClientAsync();

        var response = await client.PostAsJsonAsync("/api/ask", new { question = "Which chip did AWS unveil at re:Invent 2025?" });
        response.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Trainium3", answer.RootElement.GetProperty("text").GetString());
        var id = answer.RootElement.GetProperty("answerId").GetString();
        (await client.PostAsJsonAsync("/api/feedback", new { answerId = id, rating = "up" })).EnsureSuccessStatusCode();
        Assert.Contains(qdrant.Server.Requests, r => r.Path.EndsWith("/points/batch", StringComparison.Ordinal) && r.Body!.Contains("\"feedback\"", StringComparison.Ordinal));
        qdrant.AssertEveryBodyValid();
    }

    [Fact]
    public async Task The_server_waits_for_a_Qdrant_that_is_not_up_yet()
    {
        var env = Environment("waited");
        var (code, output) = await CliRunner.RunAsync(_dir.Path, env, "ingest", SharedData.Seed("001"));
        Assert.True(code == 0, output);
        var configuration = env.ToDictionary(e => e.Key["NEWSBOT__".Length..].Replace("__", ":"), e => (string?)e.Value);
        configuration["VectorStore:Qdrant:MaxRetries"] = "0";
        qdrant.Server.DropNext(1);  // the first request of the server's start finds nobody there
        await using var server = new ServerFactory(configuration);
        using var client = server.CreateClient();

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
        using var ready = await server.CreateReadyClientAsync();  // ready after the retry, 5 s later
        var response = await ready.PostAsJsonAsync("/api/ask", new { question = "What is new with DeepSeek?" });
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _dir.Dispose();
}
