using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NewsBot.Testing.Fakes;

/// <summary>Settings of <see cref="FakeOpenAiServer"/>.</summary>
public sealed record FakeOpenAiOptions
{
    /// <summary>The key every request must carry (<c>Authorization: Bearer</c> or Azure's <c>api-key</c>); null accepts any.</summary>
    public string? ApiKey { get; init; }
}

/// <summary>
/// A FAKE of an OpenAI-compatible chat-completions server for tests, where no model can run: real Kestrel on a loopback
/// port speaking the protocol the OpenAI SDK speaks: <c>POST …/chat/completions</c> answered as one
/// <c>chat.completion</c> or, with <c>"stream": true</c>, as server-sent <c>chat.completion.chunk</c> events ending in
/// <c>data: [DONE]</c>; errors in OpenAI's <c>{"error": {message, type, param, code}}</c> shape (401 for a missing or
/// wrong key, 400 for a malformed body, 404 for an unknown route, and 429 with <c>Retry-After</c> or 500 when told to).
/// Both OpenAI's route (<see cref="BaseUrl"/>) and Azure OpenAI's v1 route (<see cref="AzureBaseUrl"/>) are served.
/// <para>
/// What it answers is the test's: queued replies first (<see cref="Enqueue"/>), then <see cref="Responder"/>. Every chat
/// request is recorded (<see cref="Requests"/>) before it is answered.
/// </para>
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeOpenAiOptions _options;
    private readonly ConcurrentQueue<FakeChatReply> _queued = new();
    private readonly object _log = new();
    private readonly List<FakeChatRequest> _requests = [];
    private int _completed;
    private int _sequence;

    private FakeOpenAiServer(WebApplication app, FakeOpenAiOptions options)
    {
        _app = app;
        _options = options;
    }

    /// <summary>OpenAI's base address on this server, e.g. <c>http://127.0.0.1:41234/v1/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The "resource endpoint" to give as an Azure OpenAI endpoint; its v1 API is under <c>/openai/v1/</c>.</summary>
    public Uri AzureBaseUrl { get; private set; } = null!;

    /// <summary>What the server answers when nothing is queued; by default a fixed sentence.</summary>
    public Func<FakeChatRequest, FakeChatReply> Responder { get; set; } = _ => FakeChatReply.Reply("This is the fake model's answer.");

    /// <summary>Chat requests received, in order of arrival.</summary>
    public IReadOnlyList<FakeChatRequest> Requests
    {
        get
        {
            lock (_log)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>How many answers (errors included) were sent to the end.</summary>
    public int CompletedResponses => Volatile.Read(ref _completed);

    public static async Task<FakeOpenAiServer> StartAsync(FakeOpenAiOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeOpenAiServer(app, options ?? new FakeOpenAiOptions());
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        fake.BaseUrl = new Uri(address + "/v1/");
        fake.AzureBaseUrl = new Uri(address + "/");
        return fake;
    }

    /// <summary>A key made for one test run, so no key-like text is ever committed; it opens nothing but a fake.</summary>
    public static string NewApiKey() => "fake-key-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>The next requests get these replies, in order, before <see cref="Responder"/> is asked again.</summary>
    public void Enqueue(params FakeChatReply[] replies)
    {
        foreach (var reply in replies) _queued.Enqueue(reply);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (!HttpMethods.IsPost(context.Request.Method) || path is not ("/v1/chat/completions" or "/openai/v1/chat/completions"))
        {
            await RefuseAsync(context, 404, $"Invalid URL ({context.Request.Method} {path})", "invalid_request_error");
            return;
        }
        if (Unauthorized(context.Request) is { } refusal)
        {
            await RefuseAsync(context, 401, refusal, "invalid_request_error", code: refusal.StartsWith("Incorrect", StringComparison.Ordinal) ? "invalid_api_key" : null);
            return;
        }

        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject
                ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            await RefuseAsync(context, 400, "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)", "invalid_request_error");
            return;
        }
        if (body["model"] is not JsonValue model || model.GetValueKind() != JsonValueKind.String)
        {
            await RefuseAsync(context, 400, "you must provide a model parameter", "invalid_request_error");
            return;
        }
        if (body["messages"] is not JsonArray { Count: > 0 } messages)
        {
            await RefuseAsync(context, 400, "Missing required parameter: 'messages'.", "invalid_request_error", "messages", "missing_required_parameter");
            return;
        }

        var request = new FakeChatRequest(
            context.Request.Method, path, (string?)model,
            messages.Select(Message).ToList(),
            body["stream"] is JsonValue stream && stream.GetValueKind() == JsonValueKind.True,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body, DateTimeOffset.UtcNow);
        lock (_log)
        {
            _requests.Add(request);
        }

        var reply = _queued.TryDequeue(out var queued) ? queued : Responder(request);
        try
        {
            if (reply.FirstChunkDelay > TimeSpan.Zero) await Task.Delay(reply.FirstChunkDelay, context.RequestAborted);
            await AnswerAsync(context, request, reply);
            Interlocked.Increment(ref _completed);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up, as a client with a time limit does.
        }
    }

    /// <summary>An error answered before any reply is chosen; an answer sent to the end like any other.</summary>
    private async Task RefuseAsync(HttpContext context, int status, string message, string type, string? param = null, string? code = null)
    {
        await ErrorAsync(context, status, message, type, param, code);
        Interlocked.Increment(ref _completed);
    }

    private string? Unauthorized(HttpRequest request)
    {
        if (_options.ApiKey is not { } expected) return null;
        var bearer = request.Headers.Authorization.ToString();
        var given = bearer.StartsWith("Bearer ", StringComparison.Ordinal) ? bearer["Bearer ".Length..] : request.Headers["api-key"].ToString();
        if (given.Length == 0)
        {
            return "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
        }
        // OpenAI shows a masked key; so does the fake, so a test log never holds a whole one.
        return given == expected ? null : $"Incorrect API key provided: {Masked(given)}. You can find your API key at https://platform.openai.com/account/api-keys.";
    }

    private static string Masked(string key) => key.Length <= 8 ? "****" : key[..3] + "*****" + key[^4..];

    private static FakeChatMessage Message(JsonNode? node)
    {
        var role = (string?)node?["role"] ?? "";
        var content = node?["content"] switch
        {
            JsonValue text => (string?)text ?? "",
            // Content parts: the text parts, joined.
            JsonArray parts => string.Concat(parts.Select(p => (string?)p?["text"] ?? "")),
            _ => "",
        };
        return new FakeChatMessage(role, content);
    }

    private async Task AnswerAsync(HttpContext context, FakeChatRequest request, FakeChatReply reply)
    {
        if (reply.StatusCode == 429)
        {
            if (reply.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["retry-after-ms"] = ((int)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            }
            await ErrorAsync(context, 429, $"Rate limit reached for {request.Model} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.", "requests", code: "rate_limit_exceeded");
            return;
        }
        if (reply.StatusCode != 200)
        {
            await ErrorAsync(context, reply.StatusCode, "The server had an error while processing your request. Sorry about that!", "server_error");
            return;
        }

        var id = "chatcmpl-fake" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (!request.Stream)
        {
            var completion = new JsonObject
            {
                ["id"] = id, ["object"] = "chat.completion", ["created"] = created, ["model"] = request.Model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text, ["refusal"] = null },
                    ["logprobs"] = null,
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = Usage(request, reply),
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(completion.ToJsonString(), context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var pieces = Pieces(reply.Text, Math.Max(1, reply.ChunkCharacters));
        await EventAsync(context, Chunk(id, created, request.Model, new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null }, null));
        for (var i = 0; i < pieces.Count; i++)
        {
            if (reply.CutOffMidStream && i >= pieces.Count / 2)
            {
                await CutOffAsync(context);
                return;
            }
            if (i > 0 && reply.ChunkDelay > TimeSpan.Zero) await Task.Delay(reply.ChunkDelay, context.RequestAborted);
            await EventAsync(context, Chunk(id, created, request.Model, new JsonObject { ["content"] = pieces[i] }, null));
        }
        if (reply.CutOffMidStream)
        {
            await CutOffAsync(context);  // no text to cut in the middle of: still no finish and no [DONE]
            return;
        }
        await EventAsync(context, Chunk(id, created, request.Model, new JsonObject(), "stop"));
        if (request.Body["stream_options"]?["include_usage"] is JsonValue usage && usage.GetValueKind() == JsonValueKind.True)
        {
            var last = Chunk(id, created, request.Model, null, null);
            last["usage"] = Usage(request, reply);
            await EventAsync(context, last);
        }
        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>
    /// Drops the connection mid-response. A flush only hands the bytes to Kestrel's transport, and an abort discards
    /// whatever it has not written to the socket yet (the status line included), so the pause lets what was flushed
    /// reach the client first: it sees part of the stream, then the connection fail.
    /// </summary>
    private static async Task CutOffAsync(HttpContext context)
    {
        await Task.Delay(CutOffPause, context.RequestAborted);
        context.Abort();
    }

    private static readonly TimeSpan CutOffPause = TimeSpan.FromMilliseconds(250);

    private static JsonObject Chunk(string id, long created, string? model, JsonObject? delta, string? finish) => new()
    {
        ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = created, ["model"] = model,
        ["choices"] = delta is null
            ? new JsonArray()
            : new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finish }),
    };

    private static async Task EventAsync(HttpContext context, JsonObject chunk)
    {
        await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Token counts as a model would report them, roughly: four characters a token.</summary>
    private static JsonObject Usage(FakeChatRequest request, FakeChatReply reply)
    {
        var prompt = request.Messages.Sum(m => m.Content.Length) / 4 + 1;
        var completion = reply.Text.Length / 4 + 1;
        return new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion };
    }

    /// <summary>The text in pieces of about <paramref name="size"/> characters, never splitting a surrogate pair.</summary>
    private static List<string> Pieces(string text, int size)
    {
        var pieces = new List<string>();
        for (var start = 0; start < text.Length;)
        {
            var length = Math.Min(size, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1])) length++;
            pieces.Add(text.Substring(start, length));
            start += length;
        }
        return pieces;
    }

    private static async Task ErrorAsync(HttpContext context, int status, string message, string type, string? param = null, string? code = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = code },
        };
        await context.Response.WriteAsync(error.ToJsonString(), Encoding.UTF8, context.RequestAborted);
    }
}
