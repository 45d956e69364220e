using NewsBot.Testing;
using NewsBot.Conversation;
using System.Net;
using System.Net.Http.Json;

namespace NewsBot.Web.Tests;

/// <summary>Rate limiting, CORS and readiness, each on a server configured for it.</summary>
[Collection(NewsIndexCollection.Name)]
public sealed class ProtectionTests(NewsIndexFixture news)
{
    [Fact]
    public async Task Past_its_burst_a_client_gets_429_with_retry_after_and_a_message()
    {
        await using var server = new ServerFactory(news.Configuration(new Dictionary<string, string?> { ["Web:PermitsPerMinute"] = "2", ["Web:Burst"] = "2" }));
        var client = await server.CreateReadyClientAsync();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 3; i++)
        {
            last = await client.PostAsJsonAsync("/api/ask", new { question = "zorblax?" });
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var retryAfter = int.Parse(last.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 30);
        Assert.Contains("try again in", await last.Content.ReadAsStringAsync());
        // Health checks are not rate limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Only_allowed_origins_may_call_the_api_from_a_browser()
    {
        await using var server = new ServerFactory(news.Configuration(new Dictionary<string, string?> { ["Web:AllowedOrigins:0"] = "https://news.example.com" }));
        var client = await server.CreateReadyClientAsync();

        async Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/api/ask/stream");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "content-type");
            return await client.SendAsync(request);
        }

        var allowed = await PreflightAsync("https://news.example.com");
        Assert.Equal("https://news.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var refused = await PreflightAsync("https://evil.example.org");
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Until_the_index_is_loaded_health_and_the_api_answer_503()
    {
        await using var server = new ServerFactory(news.Configuration(), loadIndex: false);
        var client = server.CreateClient();

        var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("loading", await health.Content.ReadAsStringAsync());
        var ask = await client.PostAsJsonAsync("/api/ask", new { question = "zorblax?" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ask.StatusCode);
        Assert.True(ask.Headers.Contains("Retry-After"));
    }

    [Theory]
    [InlineData("Web:AllowedOrigins:0", "https://example.com/path", "Web:AllowedOrigins")]
    [InlineData("Web:MaxQuestionLength", "0", "Web:MaxQuestionLength")]
    [InlineData("Conversation:MaxTurns", "0", "Conversation:MaxTurns")]
    [InlineData("Web:NoSuchKey", "1", "NoSuchKey")]
    public void Bad_configuration_stops_the_server_before_it_starts_naming_the_key(string key, string value, string named)
    {
        var error = Assert.Throws<NewsBot.Cli.Hosting.ConfigurationException>(() =>
            NewsBot.Cli.Hosting.ServerHost.CreateHostBuilder(NewsBot.Cli.Hosting.NewsBotConfiguration.Build(news.Configuration(new Dictionary<string, string?> { [key] = value }))));
        Assert.Contains(named, error.Message);
    }
}

/// <summary>What a reader sees when answering fails inside the server: a message, never the exception.</summary>
[Collection(NewsIndexCollection.Name)]
public sealed class FailureTests(NewsIndexFixture news)
{
    [Fact]
    public async Task A_failure_while_answering_is_a_500_problem_or_an_error_event_without_internals()
    {
        await using var server = new ServerFactory(news.Configuration());
        var client = await server.CreateReadyClientAsync();
        // An engine over an index whose file was deleted under it: every search fails ("no such table").
        using var dir = new NewsBot.Testing.TempDir();
        var broken = await NewsBot.Index.Sqlite.SqliteNewsIndex.OpenAsync(dir.File("gone.db"));
        await broken.DisposeAsync();
        foreach (var file in Directory.GetFiles(dir.Path)) File.Delete(file);
        var readiness = (BotReadiness)server.Services.GetService(typeof(BotReadiness))!;
        var engine = NewsBot.Conversation.ConversationEngine.Create(broken, new(), new());
        readiness.Ready(new BotBackend(engine, new NewsBot.Conversation.Feedback.AnswerFeedback(engine.Memory, broken.Feedback, TimeProvider.System)));

        var asked = await client.PostAsJsonAsync("/api/ask", new { question = "which chip did AWS unveil?" });
        Assert.Equal(HttpStatusCode.InternalServerError, asked.StatusCode);
        var body = await asked.Content.ReadAsStringAsync();
        Assert.Equal("application/problem+json", asked.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("   at ", body);

        var streamed = await client.PostAsJsonAsync("/api/ask/stream", new { question = "which chip did AWS unveil?" });
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode); // the stream had begun: the failure comes as an event
        var events = ServerSentEvents.Parse(await streamed.Content.ReadAsStringAsync());
        var error = Assert.Single(events, e => e.Name == "error");
        Assert.Equal(500, error.Data.GetProperty("status").GetInt32());
        Assert.Contains("try again", error.Data.GetProperty("message").GetString());
        Assert.DoesNotContain(events, e => e.Name == "done");
        Assert.DoesNotContain("Exception", error.Data.GetRawText());
    }
}
