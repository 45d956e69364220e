using System.Net.Http.Json;
using NewsBot.Teams.Tests.Fakes;
using NewsBot.Testing;
using NewsBot.Testing.Fakes;

namespace NewsBot.Teams.Tests.Turns;

/// <summary>
/// A generated answer in a Teams personal chat: the model (a fake OpenAI-compatible server) writes, Teams streaming
/// updates carry the text as it grows, and the final message brings the whole answer with its citations.
/// </summary>
[Collection(NewsIndexCollection.Name)]
public sealed class TeamsGeneratedAnswerTests(NewsIndexFixture news) : IAsyncLifetime
{
    private const string Answer = "At re:Invent 2025, AWS unveiled Trainium3, its newest training chip [1]. It comes in an UltraServer [1].";
    private FakeBotConnector _connector = null!;
    private FakeOpenAiServer _model = null!;
    private ServerFactory _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _model = await FakeOpenAiServer.StartAsync();
        _server = new ServerFactory(news.Configuration(new Dictionary<string, string?>
        {
            ["Teams:StreamIntervalMilliseconds"] = "100",
            ["Llm:Provider"] = "OpenAICompatible", ["Llm:BaseUrl"] = _model.BaseUrl.ToString(), ["Llm:Model"] = "fake-news-model", ["Llm:MaxRetries"] = "0",
        }));
        _client = await _server.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _connector.DisposeAsync();
        await _model.DisposeAsync();
    }

    private void ModelWrites(string text) => _model.Responder = r => r.System == NewsBot.Conversation.Generation.QueryRewriter.Instructions
        ? FakeChatReply.Reply("""{"queries": []}""")
        : FakeChatReply.Reply(text) with { ChunkCharacters = 5, ChunkDelay = TimeSpan.FromMilliseconds(60) };

    [Fact]
    public async Task Streaming_updates_carry_the_models_text_as_it_grows_then_the_final_message_cites_it()
    {
        ModelWrites(Answer);
        await _client.PostAsJsonAsync("/api/messages", Activities.Message(_connector.ServiceUrl, "Which chip did AWS unveil at re:Invent 2025?"));
        var received = await _connector.WaitForAsync(r => r.Any(a => a.Type == "message"), timeoutSeconds: 60);

        var streaming = received.Where(a => (string?)a.Entity("streaminfo")?["streamType"] == "streaming").Select(a => a.Text!).ToList();
        Assert.True(streaming.Count >= 2, $"{streaming.Count} streaming updates");
        Assert.All(streaming, text => Assert.StartsWith(text, Answer));
        Assert.Equal(streaming.OrderBy(t => t.Length), streaming);
        var final = Assert.Single(received, a => a.Type == "message");
        Assert.Equal("final", (string?)final.Entity("streaminfo")!["streamType"]);
        Assert.Contains("Trainium3", final.Text);
        Assert.Single(final.Entity("https://schema.org/Message")!["citation"]!.AsArray());
    }

    [Fact]
    public async Task A_withdrawn_answer_stops_the_updates_and_the_final_message_quotes_the_sources()
    {
        ModelWrites("AWS made a chip that is very fast, and everybody at the conference liked it a lot, reportedly.");
        await _client.PostAsJsonAsync("/api/messages", Activities.Message(_connector.ServiceUrl, "Which chip did AWS unveil at re:Invent 2025?"));
        var received = await _connector.WaitForAsync(r => r.Any(a => a.Type == "message"), timeoutSeconds: 60);

        var final = Assert.Single(received, a => a.Type == "message");
        Assert.Contains("Trainium", final.Text);
        Assert.DoesNotContain("everybody at the conference", final.Text);
        Assert.NotEmpty(final.Entity("https://schema.org/Message")!["citation"]!.AsArray());
    }
}
