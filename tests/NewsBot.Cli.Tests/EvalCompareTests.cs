using System.Text.Json;
using NewsBot.Testing;

namespace NewsBot.Cli.Tests;

/// <summary><c>eval --compare</c> and <c>--mode</c> on a small embedded index (the seeds).</summary>
public sealed class EvalCompareTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Compare_scores_all_three_modes_on_the_same_questions()
    {
        var db = _dir.File("seeds.db");
        Assert.Equal(0, (await CliRunner.RunAsync(_dir, "ingest", "--db", db, SharedData.Seeds)).ExitCode);
        var questions = _dir.File("q.jsonl");
        await File.WriteAllLinesAsync(questions, [
            """{"id":"a","question":"Which chip did AWS unveil at re:Invent 2025?","evidence":["Trainium3"],"kind":"fact","source":"x"}""",
            """{"id":"b","question":"Amazon's newest processor for training models?","evidence":["Trainium3"],"kind":"paraphrase","source":"x"}""",
            """{"id":"c","question":"What did the WWDC 2031 keynote announce?","evidence":[],"kind":"unanswerable","source":"x"}""",
        ]);

        var (code, output) = await CliRunner.RunAsync(_dir, "eval", "--db", db, "--questions", questions, "--compare", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output[output.IndexOf('{')..]);
        foreach (var mode in new[] { "lexical", "dense", "hybrid" })
        {
            var report = json.RootElement.GetProperty(mode);
            Assert.Equal(3, report.GetProperty("n").GetInt32());
            Assert.Equal(1.0, report.GetProperty("by_kind").GetProperty("fact").GetProperty("recall@5").GetDouble());
        }
    }

    [Fact]
    public async Task Dense_mode_without_a_model_is_a_usage_error_that_says_what_to_do()
    {
        var questions = _dir.File("q.jsonl");
        await File.WriteAllTextAsync(questions, """{"id":"a","question":"q?","evidence":["x"],"kind":"fact","source":"x"}""" + "\n");
        var (code, output) = await CliRunner.RunAsync(_dir.Path, new Dictionary<string, string> { ["NEWSBOT__EMBEDDINGS__MODEL"] = "none" },
            "eval", "--db", _dir.File("empty.db"), "--questions", questions, "--mode", "dense");
        Assert.Equal(2, code);
        Assert.Contains("embedding model", output);
    }
}
