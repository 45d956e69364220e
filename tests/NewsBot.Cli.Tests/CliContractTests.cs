using System.Text.Json;
using NewsBot.Testing;

namespace NewsBot.Cli.Tests;

/// <summary>The CLI's names, flags, exit codes and JSON shapes are a contract other tools rely on.</summary>
public sealed class CliContractTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => _dir.File("index.db");

    private async Task IngestTwoDigestsAsync()
    {
        var (code, output) = await CliRunner.RunAsync(_dir, "ingest", "--db", Db, SharedData.Digest("2025-12-08-328.md"), SharedData.Digest("2023-09-04-235.md"));
        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task Ingest_reports_bad_files_with_their_reason_and_exits_1_while_the_rest_ingests()
    {
        var folder = Directory.CreateDirectory(_dir.File("docs")).FullName;
        File.Copy(SharedData.Digest("2025-12-08-328.md"), Path.Combine(folder, "2025-12-08-328.md"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "garbage.md"), [0x00, 0x01, 0x02, 0xFF]);

        var (code, output) = await CliRunner.RunAsync(_dir, "ingest", "--db", Db, folder);

        Assert.Equal(1, code);
        Assert.Contains("garbage.md", output);
        Assert.Contains("binary", output);
        Assert.Contains("Stories", output);
        var (askCode, answer) = await CliRunner.RunAsync(_dir, "ask", "--db", Db, "Which chip did AWS unveil at re:Invent?");
        Assert.Equal(0, askCode);
        Assert.Contains("Trainium3", answer);
    }

    [Fact]
    public async Task Ask_json_prints_the_answer_object()
    {
        await IngestTwoDigestsAsync();
        var (code, output) = await CliRunner.RunAsync(_dir, "ask", "--db", Db, "--json", "how much did AI21 Labs raise in their series C?");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Contains("155", root.GetProperty("text").GetString());
        Assert.False(root.GetProperty("abstained").GetBoolean());
        var citation = root.GetProperty("citations")[0];
        foreach (var key in new[] { "number", "title", "publication", "date", "url", "quote", "storyId", "passageId" })
            Assert.True(citation.TryGetProperty(key, out _), "citation lacks " + key);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("followUps").ValueKind);
    }

    [Fact]
    public async Task Ask_filters_by_kind_date_and_publication()
    {
        var (ingested, log) = await CliRunner.RunAsync(_dir, "ingest", "--db", Db, SharedData.Seed("004"), SharedData.Digest("2025-03-10-302.md"), SharedData.Digest("2023-09-04-235.md"));
        Assert.True(ingested == 0, log);
        const string question = "what did openai release for developers?";

        var transcripts = await AskJsonAsync(question, "--kind", "transcript");
        Assert.NotEmpty(transcripts);
        Assert.All(transcripts, c => Assert.Equal("Last Week in AI Podcast", c.GetProperty("publication").GetString()));

        var dated = await AskJsonAsync("AI startup funding", "--from", "2023-01-01", "--to", "2023-12-31");
        Assert.NotEmpty(dated);
        Assert.All(dated, c => Assert.StartsWith("2023-", c.GetProperty("date").GetString()));

        Assert.Empty(await AskJsonAsync(question, "--publication", "No Such Newsletter"));
    }

    private async Task<List<JsonElement>> AskJsonAsync(string question, params string[] filter)
    {
        var (code, output) = await CliRunner.RunAsync(_dir, ["ask", "--db", Db, "--json", .. filter, question]);
        Assert.True(code == 0, output);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("citations").EnumerateArray().Select(c => c.Clone()).ToList();
    }

    [Fact]
    public async Task Eval_json_has_the_contract_keys()
    {
        await IngestTwoDigestsAsync();
        var questions = _dir.File("q.jsonl");
        await File.WriteAllLinesAsync(questions, [
            """{"id": "a", "question": "how much did AI21 Labs raise in their series C?", "evidence": ["155 million", "$155M"], "kind": "fact", "source": ""}""",
            """{"id": "b", "question": "how much does gpt-9 cost?", "evidence": [], "kind": "unanswerable", "source": ""}""",
        ]);
        var (code, output) = await CliRunner.RunAsync(_dir, "eval", "--db", Db, "--questions", questions, "--json");
        Assert.True(code == 0, output);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        foreach (var key in new[] { "recall@1", "recall@5", "recall@10", "mrr@10", "answer_hit", "citation_hit", "citation_precision", "abstention", "false_abstention", "n", "latency_ms", "by_kind" })
            Assert.True(root.TryGetProperty(key, out _), "eval --json lacks " + key);
        Assert.Equal(2, root.GetProperty("n").GetInt32());
        Assert.Equal(1.0, root.GetProperty("recall@1").GetDouble());
        Assert.Equal(1.0, root.GetProperty("abstention").GetDouble());
        Assert.True(root.GetProperty("latency_ms").TryGetProperty("p95", out _));
        Assert.True(root.GetProperty("by_kind").TryGetProperty("unanswerable", out _));
    }

    [Fact]
    public async Task Stats_counts_by_publication_kind_and_year()
    {
        await IngestTwoDigestsAsync();
        var (code, output) = await CliRunner.RunAsync(_dir, "stats", "--db", Db);
        Assert.Equal(0, code);
        Assert.Contains("Last Week in AI", output);
        Assert.Contains("2023", output);
        Assert.Contains("2025", output);
        Assert.Contains("2 documents", output);
    }

    [Theory]
    [InlineData("NEWSBOT__ANSWER__MAXFOLLOWUPS", "9", "Answer:MaxFollowUps")]
    [InlineData("NEWSBOT__INGESTION__PASSAGEMAXWORDS", "10", "Ingestion:PassageMaxWords")]
    [InlineData("NEWSBOT__ANSWER__MAXFOLOWUPS", "2", "MAXFOLOWUPS")]
    [InlineData("NEWSBOT__STORE__TITLEWEIGHT", "heavy", "TitleWeight")]
    public async Task Invalid_configuration_stops_at_start_naming_the_key(string variable, string value, string named)
    {
        var (code, output) = await CliRunner.RunAsync(_dir.Path, new Dictionary<string, string> { [variable] = value }, "stats", "--db", Db);
        Assert.Equal(2, code);
        Assert.Contains(named, output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", output); // no stack trace
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("ask")]
    [InlineData("eval", "--k", "3")]
    [InlineData("frobnicate")]
    public async Task Usage_errors_exit_2_and_point_at_help(params string[] args)
    {
        var (code, output) = await CliRunner.RunAsync(_dir, args);
        Assert.Equal(2, code);
        Assert.Contains("--help", output);
    }

    [Fact]
    public async Task Environment_variables_override_appsettings()
    {
        var (code, _) = await CliRunner.RunAsync(_dir.Path, new Dictionary<string, string> { ["NEWSBOT__STORE__PATH"] = _dir.File("from-env.db") },
            "ingest", SharedData.Digest("2023-09-04-235.md"));
        Assert.Equal(0, code);
        Assert.True(File.Exists(_dir.File("from-env.db")));
    }

    [Fact]
    public async Task Chat_answers_each_line_until_exit()
    {
        await IngestTwoDigestsAsync();
        using var process = System.Diagnostics.Process.Start(CliRunner.StartInfo(_dir.Path, null, "chat", "--db", Db))!;
        await process.StandardInput.WriteLineAsync("Which chip did AWS unveil at re:Invent?");
        await process.StandardInput.WriteLineAsync("exit");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Trainium3", output);
        Assert.Contains("Sources", output);
    }
}
