using System.Net.Http.Json;
using NewsBot.Testing;
using NewsBot.Testing.Fakes;

namespace NewsBot.Web.Tests;

/// <summary>
/// The HTTP API with a language model configured (a fake OpenAI-compatible server, through the real SDK): the
/// model's text arrives as Server-Sent Events as it is written, and a failed answer is withdrawn for the quoted one.
/// </summary>
[Collection(NewsIndexCollection.Name)]
public sealed class GeneratedAnswerApiTests(NewsIndexFixture news) : IAsyncLifetime
{
    private FakeOpenAiServer _model = null!;
    private ServerFactory _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _model = await FakeOpenAiServer.StartAsync();
        _server = new ServerFactory(news.Configuration(new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "OpenAICompatible",
            ["Llm:BaseUrl"] = _model.BaseUrl.ToString(),
            ["Llm:Model"] = "fake-news-model",
            ["Llm:MaxRetries"] = "0",
        }));
        _client = await _server.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _model.DisposeAsync();
    }

    private static FakeChatReply Reply(FakeChatRequest request, string text) =>
        request.System == NewsBot.Conversation.Generation.QueryRewriter.Instructions
            ? FakeChatReply.Reply("""{"queries": []}""")
            : FakeChatReply.Reply(text) with { ChunkCharacters = 4, ChunkDelay = TimeSpan.FromMilliseconds(5) };

    [Fact]
    public async Task The_models_answer_streams_as_delta_events_and_says_who_wrote_it()
    {
        _model.Responder = r => Reply(r, "At re:Invent 2025, AWS unveiled its Trainium3 chip [1].");
        var events = ServerSentEvents.Parse(await (await _client.PostAsJsonAsync("/api/ask/stream", new { question = "which chip did AWS unveil at re:Invent 2025?" })).Content.ReadAsStringAsync());

        var done = events[^1].Data;
        var deltas = events.Where(e => e.Name == "delta").Select(e => e.Data.GetProperty("text").GetString()).ToList();
        Assert.True(deltas.Count > 5, $"{deltas.Count} delta events");
        Assert.Equal(done.GetProperty("text").GetString(), string.Concat(deltas));
        Assert.Equal("model", done.GetProperty("answeredBy").GetString());
        Assert.Equal(1, done.GetProperty("citations").GetArrayLength());
        Assert.DoesNotContain(events, e => e.Name == "reset");
    }

    [Fact]
    public async Task An_answer_that_fails_its_checks_is_withdrawn_and_the_quoted_answer_follows()
    {
        _model.Responder = r => Reply(r, "AWS made some chip, and it is very fast indeed.");
        var events = ServerSentEvents.Parse(await (await _client.PostAsJsonAsync("/api/ask/stream", new { question = "which chip did AWS unveil at re:Invent 2025?" })).Content.ReadAsStringAsync());

        var names = events.Select(e => e.Name).ToList();
        var reset = names.IndexOf("reset");
        Assert.True(reset > names.IndexOf("delta"), string.Join(",", names));
        var done = events[^1].Data;
        Assert.Equal("extractive-fallback", done.GetProperty("answeredBy").GetString());
        Assert.Equal("the model's answer cited none of its sources", done.GetProperty("fallbackReason").GetString());
        Assert.Equal(done.GetProperty("text").GetString(), string.Concat(events.Skip(reset).Where(e => e.Name == "delta").Select(e => e.Data.GetProperty("text").GetString())));
        Assert.Contains("Trainium3", done.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_model_that_is_down_costs_an_answer_nothing_but_its_author()
    {
        _model.Responder = _ => FakeChatReply.ServerError();
        var answer = await (await _client.PostAsJsonAsync("/api/ask", new { question = "which chip did AWS unveil at re:Invent 2025?" })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("extractive-fallback", answer.GetProperty("answeredBy").GetString());
        Assert.Contains("HTTP 500", answer.GetProperty("fallbackReason").GetString());
        Assert.Contains("Trainium3", answer.GetProperty("text").GetString());
    }
}
