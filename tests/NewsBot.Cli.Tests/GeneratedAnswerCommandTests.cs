using System.Text.Json;
using NewsBot.Testing;
using NewsBot.Testing.Fakes;

namespace NewsBot.Cli.Tests;

/// <summary>The CLI with a language model configured (a fake OpenAI-compatible server): eval side by side, ask and chat.</summary>
public sealed class GeneratedAnswerCommandTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private static readonly string Key = FakeOpenAiServer.NewApiKey();
    private static readonly string WrongKey = FakeOpenAiServer.NewApiKey();
    private FakeOpenAiServer _model = null!;
    private string Db => _dir.File("index.db");

    public async Task InitializeAsync()
    {
        _model = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ApiKey = Key });
        // A model that answers from the first source it is given, cited.
        _model.Responder = r => r.System == NewsBot.Conversation.Generation.QueryRewriter.Instructions
            ? FakeChatReply.Reply("""{"queries": []}""")
            : FakeChatReply.Reply(FirstSentence(r) + " [1].");
        var (code, output) = await CliRunner.RunAsync(_dir, "ingest", "--db", Db, SharedData.Digest("2025-12-08-328.md"), SharedData.Digest("2023-09-04-235.md"));
        Assert.True(code == 0, output);
    }

    public async Task DisposeAsync()
    {
        await _model.DisposeAsync();
        _dir.Dispose();
    }

    private static string FirstSentence(FakeChatRequest request)
    {
        var user = request.LastUser;
        using var sources = JsonDocument.Parse(user[user.IndexOf('[')..(user.LastIndexOf("]\n", StringComparison.Ordinal) + 1)]);
        return sources.RootElement[0].GetProperty("text").GetString()!.Split(". ")[0].TrimEnd('.');
    }

    private Dictionary<string, string> Llm(string? key = null) => new()
    {
        ["NEWSBOT__LLM__PROVIDER"] = "OpenAICompatible",
        ["NEWSBOT__LLM__BASEURL"] = _model.BaseUrl.ToString(),
        ["NEWSBOT__LLM__MODEL"] = "fake-news-model",
        ["NEWSBOT__LLM__APIKEY"] = key ?? Key,
        ["NEWSBOT__EMBEDDINGS__MODEL"] = "none",
    };

    [Fact]
    public async Task Eval_scores_the_models_answers_beside_the_extractive_ones()
    {
        var (code, output) = await CliRunner.RunAsync(_dir.Path, Llm(), "eval", "--db", Db, "--json", "--answerer", "llm",
            "--questions", Path.Combine(SharedData.Eval, "questions.dev.jsonl"));
        Assert.True(code == 0, output);
        using var json = JsonDocument.Parse(output);
        foreach (var side in new[] { "extractive", "llm" })
            foreach (var key in new[] { "answer_hit", "citation_precision", "recall@5" })
                Assert.True(json.RootElement.GetProperty(side).TryGetProperty(key, out _), $"{side} lacks {key}");
        Assert.True(json.RootElement.GetProperty("llm").GetProperty("citation_hit").GetDouble() > 0);
        Assert.Equal(0, json.RootElement.GetProperty("llm_fallbacks").GetInt32());
        Assert.Contains(_model.Requests, r => r.System?.StartsWith("You are NewsBot", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Ask_says_who_wrote_the_answer_and_a_wrong_key_falls_back_to_quoting()
    {
        var (code, output) = await CliRunner.RunAsync(_dir.Path, Llm(), "ask", "--db", Db, "--json", "Which chip did AWS unveil at re:Invent?");
        Assert.True(code == 0, output);
        Assert.Equal("model", JsonDocument.Parse(output).RootElement.GetProperty("author").GetString());

        (code, output) = await CliRunner.RunAsync(_dir.Path, Llm(WrongKey), "ask", "--db", Db, "Which chip did AWS unveil at re:Invent?");
        Assert.True(code == 0, output);
        Assert.Contains("Trainium3", output);
        Assert.Contains("Quoted from the sources: the model's service answered HTTP 401", output);
        Assert.DoesNotContain(WrongKey, output);
    }

    [Fact]
    public async Task Eval_answerer_llm_without_a_model_says_what_to_set()
    {
        var (code, output) = await CliRunner.RunAsync(_dir, "eval", "--db", Db, "--answerer", "llm", "--questions", Path.Combine(SharedData.Eval, "questions.dev.jsonl"));
        Assert.Equal(2, code);
        Assert.Contains("Llm:Provider", output);
    }

    [Theory]
    [InlineData("NEWSBOT__LLM__PROVIDER", "OpenAI", "Llm:ApiKey")]
    [InlineData("NEWSBOT__LLM__PROVIDER", "Anthropic", "Llm:Provider")]
    [InlineData("NEWSBOT__LLM__TIMEOUTSECONDS", "0", "Llm:TimeoutSeconds")]
    public async Task A_bad_model_configuration_is_named(string variable, string value, string named)
    {
        var environment = new Dictionary<string, string> { [variable] = value, ["NEWSBOT__LLM__MODEL"] = "m" };
        var (code, output) = await CliRunner.RunAsync(_dir.Path, environment, "stats", "--db", Db);
        Assert.Equal(2, code);
        Assert.Contains(named, output);
    }
}
