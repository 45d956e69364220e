using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using NewsBot.Llm;
using NewsBot.Testing.Fakes;
using OpenAI;
using OpenAI.Chat;
using AiMessage = Microsoft.Extensions.AI.ChatMessage;
using AiRole = Microsoft.Extensions.AI.ChatRole;
using ChatFinishReason = OpenAI.Chat.ChatFinishReason;

namespace NewsBot.Conversation.Tests.Generation;

/// <summary>
/// The fake OpenAI server must behave like OpenAI's documented chat-completions API, since the generated-answer tests
/// trust it: so it is driven here by the real OpenAI SDK, by the <see cref="IChatClient"/> NewsBot builds, and by raw
/// HTTP where the wire format itself is the point.
/// </summary>
public sealed class FakeOpenAiServerTests
{
    private static readonly string Key = FakeOpenAiServer.NewApiKey();
    private static readonly string WrongKey = FakeOpenAiServer.NewApiKey();
    private const string Model = "fake-model";

    private static ChatClient Sdk(FakeOpenAiServer fake, int retries = 0, TimeSpan? timeout = null, string? key = null) =>
        new(Model, new ApiKeyCredential(key ?? Key), new OpenAIClientOptions
        {
            Endpoint = fake.BaseUrl,
            RetryPolicy = new ClientRetryPolicy(retries),
            NetworkTimeout = timeout ?? TimeSpan.FromSeconds(30),
        });

    private static OpenAI.Chat.ChatMessage[] Conversation =>
    [
        new SystemChatMessage("You are terse."),
        new UserChatMessage("First question?"),
        new AssistantChatMessage("First answer."),
        new UserChatMessage("Second question?"),
    ];

    private static Uri Completions(FakeOpenAiServer fake) => new(fake.BaseUrl, "chat/completions");

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Body(string text = "Hi", bool stream = false, string extra = "") =>
        $$"""{"model":"{{Model}}","messages":[{"role":"user","content":"{{text}}"}],"stream":{{(stream ? "true" : "false")}}{{extra}}}""";

    /// <summary>The server-sent events of a streamed body: each <c>data:</c> payload, in order.</summary>
    private static List<string> Events(string body) =>
        body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => Assert.Single(e.Split('\n'), l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..])
            .ToList();

    /// <summary>Asserts OpenAI's error shape, <c>{"error": {message, type, param, code}}</c>, and returns its <c>error</c>.</summary>
    private static async Task<JsonObject> ErrorOf(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = Assert.IsType<JsonObject>(JsonNode.Parse(await response.Content.ReadAsStringAsync()));
        var error = Assert.IsType<JsonObject>(Assert.Single(root).Value);
        Assert.Equal(["message", "type", "param", "code"], error.Select(p => p.Key));  // all four, even when null
        Assert.False(string.IsNullOrEmpty((string?)error["message"]));
        Assert.False(string.IsNullOrEmpty((string?)error["type"]));
        return error;
    }

    // ---- The OpenAI SDK ----

    [Fact]
    public async Task The_sdk_gets_the_responders_text_and_the_request_is_recorded()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        fake.Responder = request => FakeChatReply.Reply($"You asked: {request.LastUser}");

        ChatCompletion completion = await Sdk(fake).CompleteChatAsync(Conversation);

        Assert.Equal("You asked: Second question?", Assert.Single(completion.Content).Text);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(Model, completion.Model);
        Assert.True(completion.Usage.OutputTokenCount > 0);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);

        var request = Assert.Single(fake.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal(Model, request.Model);
        Assert.False(request.Stream);
        Assert.Equal(["system", "user", "assistant", "user"], request.Messages.Select(m => m.Role));
        Assert.Equal(["You are terse.", "First question?", "First answer.", "Second question?"], request.Messages.Select(m => m.Content));
        Assert.Equal("You are terse.", request.System);
        Assert.Equal("Second question?", request.LastUser);
        Assert.Equal($"Bearer {Key}", request.Header("authorization"));  // header names are case-insensitive
    }

    [Fact]
    public async Task The_sdk_streams_the_text_in_several_updates_that_concatenate_to_it()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        const string text = "Streaming arrives in pieces, each a few characters long.";
        fake.Responder = _ => FakeChatReply.Reply(text) with { ChunkCharacters = 5 };

        var pieces = new List<string>();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in Sdk(fake).CompleteChatStreamingAsync(Conversation))
        {
            pieces.AddRange(update.ContentUpdate.Select(p => p.Text).Where(t => t.Length > 0));
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.Equal(text, string.Concat(pieces));
        Assert.Equal((text.Length + 4) / 5, pieces.Count);  // ChunkCharacters decides the pieces
        Assert.All(pieces.SkipLast(1), p => Assert.Equal(5, p.Length));
        Assert.Equal(ChatFinishReason.Stop, finish);
        var request = Assert.Single(fake.Requests);
        Assert.True(request.Stream);
        Assert.Equal(Model, request.Model);
        Assert.Equal(["system", "user", "assistant", "user"], request.Messages.Select(m => m.Role));
        Assert.Equal("You are terse.", request.System);
        Assert.Equal("Second question?", request.LastUser);
        // The SDK asks for usage on streams; the fake's usage chunk (with no choices) must be one the SDK reads.
        Assert.True(request.Body["stream_options"]?["include_usage"]?.GetValue<bool>());
        Assert.NotNull(usage);
        Assert.True(usage.OutputTokenCount > 0);
    }

    // ---- NewsBot's IChatClient (Microsoft.Extensions.AI over the SDK) ----

    private static IChatClient NewsBotClient(FakeOpenAiServer fake, LlmProvider provider = LlmProvider.OpenAICompatible, string? baseUrl = null) =>
        ChatClients.Create(new LlmOptions
        {
            Provider = provider, BaseUrl = baseUrl ?? fake.BaseUrl.ToString(), Model = Model, ApiKey = Key, TimeoutSeconds = 30, MaxRetries = 0,
        })!;

    private static AiMessage[] AiConversation =>
    [
        new(AiRole.System, "Be brief."),
        new(AiRole.User, "What is new?"),
    ];

    [Fact]
    public async Task NewsBots_chat_client_gets_the_responders_text()
    {
        await using var fake = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ApiKey = Key });
        fake.Responder = request => FakeChatReply.Reply($"Echo: {request.LastUser}");

        var response = await NewsBotClient(fake).GetResponseAsync(AiConversation);

        Assert.Equal("Echo: What is new?", response.Text);
        var request = Assert.Single(fake.Requests);
        Assert.False(request.Stream);
        Assert.Equal(Model, request.Model);
        Assert.Equal(["system", "user"], request.Messages.Select(m => m.Role));
        Assert.Equal("Be brief.", request.System);
        Assert.Equal("What is new?", request.LastUser);
    }

    [Fact]
    public async Task NewsBots_chat_client_streams_the_text_in_several_updates()
    {
        await using var fake = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ApiKey = Key });
        const string text = "A streamed answer, told in small pieces.";
        fake.Responder = _ => FakeChatReply.Reply(text) with { ChunkCharacters = 4 };

        var pieces = new List<string>();
        await foreach (var update in NewsBotClient(fake).GetStreamingResponseAsync(AiConversation))
        {
            if (update.Text.Length > 0) pieces.Add(update.Text);
        }

        Assert.Equal(text, string.Concat(pieces));
        Assert.True(pieces.Count >= text.Length / 4, $"the text came in {pieces.Count} pieces");
        var request = Assert.Single(fake.Requests);
        Assert.True(request.Stream);
        Assert.Equal(Model, request.Model);
        Assert.Equal(["system", "user"], request.Messages.Select(m => m.Role));
        Assert.Equal("Be brief.", request.System);
        Assert.Equal("What is new?", request.LastUser);
    }

    [Fact]
    public async Task Azure_reaches_the_v1_route_with_the_api_key_header()
    {
        await using var fake = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ApiKey = Key });
        fake.Responder = _ => FakeChatReply.Reply("From Azure.");

        var response = await NewsBotClient(fake, LlmProvider.AzureOpenAI, fake.AzureBaseUrl.ToString()).GetResponseAsync(AiConversation);

        Assert.Equal("From Azure.", response.Text);
        var request = Assert.Single(fake.Requests);
        Assert.Equal("/openai/v1/chat/completions", request.Path);
        Assert.Equal(Key, request.Header("api-key"));
        Assert.Equal(Model, request.Model);  // for Azure, the deployment
    }

    [Fact]
    public async Task Azures_api_key_header_alone_is_accepted_and_a_wrong_one_refused()
    {
        // Gateways in front of Azure take only api-key; the fake checks it when there is no bearer token.
        await using var fake = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ApiKey = Key });
        using var http = new HttpClient();
        var url = new Uri(fake.AzureBaseUrl, "openai/v1/chat/completions");

        using var right = new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(Body()) };
        right.Headers.Add("api-key", Key);
        using var ok = await http.SendAsync(right);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(Body()) };
        wrong.Headers.Add("api-key", WrongKey);
        using var refused = await http.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var error = await ErrorOf(refused, HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_api_key", (string?)error["code"]);
    }

    // ---- Authentication ----

    [Fact]
    public async Task A_wrong_key_is_a_401_that_does_not_repeat_the_key()
    {
        await using var fake = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ApiKey = Key });
        var wrong = FakeOpenAiServer.NewApiKey();

        var e = await Assert.ThrowsAsync<ClientResultException>(() => Sdk(fake, key: wrong).CompleteChatAsync(Conversation));

        Assert.Equal(401, e.Status);
        Assert.Contains("Incorrect API key provided", e.Message);
        Assert.Contains(wrong[^4..], e.Message);  // masked as OpenAI masks it: a recognisable tail, never the whole key
        Assert.DoesNotContain(wrong, e.Message);
        Assert.Equal("invalid_api_key", (string?)JsonNode.Parse(e.GetRawResponse()!.Content.ToString())!["error"]!["code"]);
        Assert.Empty(fake.Requests);  // refused before it is read as a chat request
    }

    [Fact]
    public async Task A_missing_key_is_a_401_in_OpenAIs_error_shape()
    {
        await using var fake = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ApiKey = Key });
        using var http = new HttpClient();

        using var response = await http.PostAsync(Completions(fake), Json(Body()));

        var error = await ErrorOf(response, HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Contains("didn't provide an API key", (string?)error["message"]);
        Assert.Null(error["param"]);
        Assert.Null(error["code"]);
    }

    [Fact]
    public async Task Without_a_configured_key_any_key_is_accepted()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        ChatCompletion completion = await Sdk(fake, key: "anything").CompleteChatAsync(Conversation);

        Assert.Equal("This is the fake model's answer.", completion.Content[0].Text);
    }

    // ---- The wire format, over raw HTTP ----

    [Fact]
    public async Task Malformed_json_is_a_400()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        using var http = new HttpClient();

        using var response = await http.PostAsync(Completions(fake), Json("""{"model": "fake-model", "messages": ["""));

        var error = await ErrorOf(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Contains("could not parse the JSON body", (string?)error["message"]);
        Assert.Empty(fake.Requests);
    }

    [Theory]
    [InlineData("""{"model": "fake-model"}""")]
    [InlineData("""{"model": "fake-model", "messages": []}""")]
    [InlineData("""{"model": "fake-model", "messages": "hello"}""")]
    public async Task Missing_messages_is_a_400_naming_the_parameter(string body)
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        using var http = new HttpClient();

        using var response = await http.PostAsync(Completions(fake), Json(body));

        var error = await ErrorOf(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Equal("messages", (string?)error["param"]);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Missing_model_is_a_400()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        using var http = new HttpClient();

        using var response = await http.PostAsync(Completions(fake), Json("""{"messages": [{"role": "user", "content": "hi"}]}"""));

        var error = await ErrorOf(response, HttpStatusCode.BadRequest);
        Assert.Contains("model", (string?)error["message"]);
    }

    [Theory]
    [InlineData("POST", "v1/completions")]
    [InlineData("POST", "v1/chat/completion")]
    [InlineData("GET", "v1/chat/completions")]
    [InlineData("POST", "openai/deployments/x/chat/completions")]
    public async Task An_unknown_route_is_a_404(string method, string path)
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(fake.AzureBaseUrl, path));
        if (method == "POST") request.Content = Json(Body());

        using var response = await http.SendAsync(request);

        var error = await ErrorOf(response, HttpStatusCode.NotFound);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Contains($"Invalid URL ({method} /{path})", (string?)error["message"]);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task A_raw_stream_is_chunk_events_ending_with_done()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        const string text = "Twelve chars and then some more.";
        fake.Responder = _ => FakeChatReply.Reply(text) with { ChunkCharacters = 6 };
        using var http = new HttpClient();

        using var response = await http.PostAsync(Completions(fake), Json(Body(stream: true)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        var events = Events(body);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events.SkipLast(1).Select(e => JsonNode.Parse(e)!.AsObject()).ToList();
        Assert.All(chunks, c =>
        {
            Assert.Equal("chat.completion.chunk", (string?)c["object"]);
            Assert.Equal(Model, (string?)c["model"]);
            Assert.Equal(0, (int)c["choices"]![0]!["index"]!);
        });
        Assert.Single(chunks.Select(c => (string?)c["id"]).Distinct());  // one completion, one id
        Assert.StartsWith("chatcmpl-", (string?)chunks[0]["id"], StringComparison.Ordinal);
        Assert.Equal("assistant", (string?)chunks[0]["choices"]![0]!["delta"]!["role"]);  // the role comes first
        var content = chunks.Select(c => (string?)c["choices"]![0]!["delta"]!["content"] ?? "").Where(t => t.Length > 0).ToList();
        Assert.Equal(text, string.Concat(content));
        Assert.Equal((text.Length + 5) / 6, content.Count);
        // Only the last chunk finishes the choice, and it carries no content.
        Assert.All(chunks.SkipLast(1), c => Assert.Null(c["choices"]![0]!["finish_reason"]));
        Assert.Equal("stop", (string?)chunks[^1]["choices"]![0]!["finish_reason"]);
        Assert.Null(chunks[^1]["usage"]);  // no usage unless asked for
    }

    [Fact]
    public async Task Include_usage_adds_a_usage_chunk_with_no_choices_before_done()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        fake.Responder = _ => FakeChatReply.Reply("Some counted words.");
        using var http = new HttpClient();

        using var response = await http.PostAsync(Completions(fake), Json(Body(stream: true, extra: ""","stream_options":{"include_usage":true}""")));

        var events = Events(await response.Content.ReadAsStringAsync());
        Assert.Equal("[DONE]", events[^1]);
        var usageChunk = JsonNode.Parse(events[^2])!.AsObject();
        Assert.Equal("chat.completion.chunk", (string?)usageChunk["object"]);
        Assert.Empty(usageChunk["choices"]!.AsArray());
        var usage = usageChunk["usage"]!;
        Assert.True((int)usage["prompt_tokens"]! > 0);
        Assert.True((int)usage["completion_tokens"]! > 0);
        Assert.Equal((int)usage["prompt_tokens"]! + (int)usage["completion_tokens"]!, (int)usage["total_tokens"]!);
        Assert.Equal("stop", (string?)JsonNode.Parse(events[^3])!["choices"]![0]!["finish_reason"]);  // the finish comes before the usage
    }

    [Fact]
    public async Task A_non_streamed_answer_is_one_chat_completion()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        fake.Responder = _ => FakeChatReply.Reply("Whole.");
        using var http = new HttpClient();

        using var response = await http.PostAsync(Completions(fake), Json(Body()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var completion = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("chat.completion", (string?)completion["object"]);
        Assert.StartsWith("chatcmpl-", (string?)completion["id"], StringComparison.Ordinal);
        var choice = Assert.Single(completion["choices"]!.AsArray())!;
        Assert.Equal("assistant", (string?)choice["message"]!["role"]);
        Assert.Equal("Whole.", (string?)choice["message"]!["content"]);
        Assert.Equal("stop", (string?)choice["finish_reason"]);
        Assert.NotNull(completion["usage"]!["total_tokens"]);
    }

    [Fact]
    public async Task Content_parts_are_recorded_as_their_joined_text()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        using var http = new HttpClient();

        using var response = await http.PostAsync(Completions(fake), Json("""
            {"model": "fake-model", "messages": [
              {"role": "developer", "content": [{"type": "text", "text": "Rules."}]},
              {"role": "user", "content": [{"type": "text", "text": "Part one, "}, {"type": "text", "text": "part two."}]}]}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = Assert.Single(fake.Requests);
        Assert.Equal("Rules.", request.System);  // a developer message is the system message of newer models
        Assert.Equal("Part one, part two.", request.LastUser);
    }

    // ---- Scripted replies, retries and failures ----

    [Fact]
    public async Task Queued_replies_come_first_in_order_then_the_responder()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        fake.Responder = _ => FakeChatReply.Reply("responder");
        fake.Enqueue(FakeChatReply.Reply("first"), FakeChatReply.Reply("second"));
        fake.Enqueue(FakeChatReply.Reply("third"));
        var client = Sdk(fake);

        var texts = new List<string>();
        for (var i = 0; i < 5; i++) texts.Add((await client.CompleteChatAsync(Conversation)).Value.Content[0].Text);

        Assert.Equal(["first", "second", "third", "responder", "responder"], texts);
        Assert.Equal(5, fake.Requests.Count);
    }

    [Fact]
    public async Task A_rate_limit_carries_OpenAIs_retry_headers_and_error()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        fake.Enqueue(FakeChatReply.RateLimited(TimeSpan.FromMilliseconds(1500)));
        using var http = new HttpClient();

        using var response = await http.PostAsync(Completions(fake), Json(Body()));

        var error = await ErrorOf(response, HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limit_exceeded", (string?)error["code"]);
        Assert.Equal("2", response.Headers.GetValues("Retry-After").Single());  // whole seconds, rounded up
        Assert.Equal("1500", response.Headers.GetValues("retry-after-ms").Single());
    }

    [Fact]
    public async Task The_sdk_waits_out_a_429s_retry_after_and_the_retry_succeeds()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        fake.Enqueue(FakeChatReply.RateLimited(TimeSpan.FromSeconds(1)), FakeChatReply.Reply("after the wait"));

        ChatCompletion completion = await Sdk(fake, retries: 1).CompleteChatAsync(Conversation);

        Assert.Equal("after the wait", completion.Content[0].Text);
        var requests = fake.Requests;
        Assert.Equal(2, requests.Count);
        var gap = requests[1].ReceivedAt - requests[0].ReceivedAt;
        Assert.True(gap >= TimeSpan.FromMilliseconds(900), $"the retry came after {gap.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_429_past_the_retries_is_thrown_as_a_429()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        fake.Responder = _ => FakeChatReply.Reply("not reached");
        fake.Enqueue(FakeChatReply.RateLimited(TimeSpan.FromMilliseconds(200)), FakeChatReply.RateLimited(TimeSpan.FromMilliseconds(200)));

        var e = await Assert.ThrowsAsync<ClientResultException>(() => Sdk(fake, retries: 1).CompleteChatAsync(Conversation));

        Assert.Equal(429, e.Status);
        Assert.Equal(2, fake.Requests.Count);  // the first try and one retry
    }

    [Fact]
    public async Task A_500_is_retried_and_the_retry_succeeds()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        fake.Enqueue(FakeChatReply.ServerError(), FakeChatReply.Reply("recovered"));

        ChatCompletion completion = await Sdk(fake, retries: 1).CompleteChatAsync(Conversation);

        Assert.Equal("recovered", completion.Content[0].Text);
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task A_500_past_the_retries_is_thrown_as_a_500()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        fake.Responder = _ => FakeChatReply.Reply("not reached");
        fake.Enqueue(FakeChatReply.ServerError(), FakeChatReply.ServerError());

        var e = await Assert.ThrowsAsync<ClientResultException>(() => Sdk(fake, retries: 1).CompleteChatAsync(Conversation));

        Assert.Equal(500, e.Status);
        Assert.Contains("server_error", e.GetRawResponse()!.Content.ToString());
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task A_reply_slower_than_the_network_timeout_fails_and_the_server_stays_usable()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        fake.Enqueue(FakeChatReply.Slow("too late", TimeSpan.FromSeconds(10)));
        fake.Responder = _ => FakeChatReply.Reply("on time");
        var impatient = Sdk(fake, retries: 0, timeout: TimeSpan.FromMilliseconds(300));

        // The SDK reports its network timeout as a cancellation naming the timeout, not as a ClientResultException.
        var e = await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.CompleteChatAsync(Conversation));

        Assert.Contains("timeout", e.Message, StringComparison.OrdinalIgnoreCase);
        // The next request (with a patient client: only the slow reply should time out) gets the responder's answer.
        Assert.Equal("on time", (await Sdk(fake).CompleteChatAsync(Conversation)).Value.Content[0].Text);
        Assert.Equal(2, fake.Requests.Count);
        Assert.Equal(1, fake.CompletedResponses);  // the slow answer was never sent to the end
    }

    [Fact]
    public async Task A_timed_out_try_is_retried_and_the_sdk_gives_up_with_every_timeout()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        fake.Responder = _ => FakeChatReply.Slow("too late", TimeSpan.FromSeconds(10));

        // With retries left, the SDK retries a timed-out try; past them it throws all the tries' timeouts at once.
        var e = await Assert.ThrowsAsync<AggregateException>(() => Sdk(fake, retries: 1, timeout: TimeSpan.FromMilliseconds(300)).CompleteChatAsync(Conversation));

        Assert.Equal(2, e.InnerExceptions.Count);
        Assert.All(e.InnerExceptions, inner => Assert.IsType<TaskCanceledException>(inner));
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task A_stream_cut_off_midway_throws_after_part_of_the_text()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        const string text = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!?";
        fake.Enqueue(FakeChatReply.Reply(text) with { ChunkCharacters = 8, CutOffMidStream = true });

        var received = new StringBuilder();
        var e = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var update in Sdk(fake).CompleteChatStreamingAsync(Conversation))
            {
                foreach (var part in update.ContentUpdate) received.Append(part.Text);
            }
        });

        Assert.True(e is IOException, $"unexpected {e.GetType()}: {e.Message}");  // HttpIOException: the response ended prematurely
        Assert.NotEqual(0, received.Length);
        Assert.True(received.Length < text.Length, "the whole text arrived");
        Assert.StartsWith(received.ToString(), text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Some text that is cut.")]
    [InlineData("")]  // nothing to cut in the middle of, but still a broken stream
    public async Task A_cut_off_stream_never_sends_done(string text)
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        fake.Enqueue(FakeChatReply.Reply(text) with { ChunkCharacters = 4, CutOffMidStream = true });
        using var http = new HttpClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, Completions(fake)) { Content = Json(Body(stream: true)) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = new StringBuilder();
        await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line) body.AppendLine(line);
        });

        Assert.Contains("chat.completion.chunk", body.ToString());  // the stream had begun
        Assert.DoesNotContain("[DONE]", body.ToString());
        Assert.DoesNotContain("\"finish_reason\":\"stop\"", body.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Surrogate_pairs_are_never_split_across_chunks(int chunkCharacters)
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        const string text = "😀a😀😀b😀😀😀 news 📰!🎉";
        fake.Responder = _ => FakeChatReply.Reply(text) with { ChunkCharacters = chunkCharacters };
        using var http = new HttpClient();

        using var response = await http.PostAsync(Completions(fake), Json(Body(stream: true)));

        var pieces = Events(await response.Content.ReadAsStringAsync()).SkipLast(1)
            .Select(e => (string?)JsonNode.Parse(e)!["choices"]![0]!["delta"]!["content"] ?? "")
            .Where(t => t.Length > 0).ToList();
        Assert.Equal(text, string.Concat(pieces));
        Assert.All(pieces, p =>
        {
            Assert.False(char.IsLowSurrogate(p[0]), $"'{p}' starts with half an emoji");
            Assert.False(char.IsHighSurrogate(p[^1]), $"'{p}' ends with half an emoji");
        });
        Assert.True(pieces.Count > 1);
    }

    [Fact]
    public async Task Surrogate_pairs_survive_the_sdks_stream()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        const string text = "Ça va? 😀😀 Oui! 🎉";
        fake.Responder = _ => FakeChatReply.Reply(text) with { ChunkCharacters = 1 };

        var received = new StringBuilder();
        await foreach (var update in Sdk(fake).CompleteChatStreamingAsync(Conversation))
        {
            foreach (var part in update.ContentUpdate) received.Append(part.Text);
        }

        Assert.Equal(text, received.ToString());
    }

    [Fact]
    public async Task Completed_responses_counts_every_answer_sent_errors_included()
    {
        await using var fake = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ApiKey = Key });
        var client = Sdk(fake);
        Assert.Equal(0, fake.CompletedResponses);

        await client.CompleteChatAsync(Conversation);
        Assert.Equal(1, fake.CompletedResponses);

        await foreach (var _ in client.CompleteChatStreamingAsync(Conversation)) { }
        Assert.Equal(2, fake.CompletedResponses);

        fake.Enqueue(FakeChatReply.ServerError());
        await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync(Conversation));
        Assert.Equal(3, fake.CompletedResponses);

        await Assert.ThrowsAsync<ClientResultException>(() => Sdk(fake, key: WrongKey).CompleteChatAsync(Conversation));
        Assert.Equal(4, fake.CompletedResponses);
        Assert.Equal(3, fake.Requests.Count);  // a refused request is answered but not recorded as a chat request
    }
}
