using System.Globalization;
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
using NewsBot.Discord.Rest;

namespace NewsBot.Discord.Tests.Fakes;

/// <summary>
/// A FAKE of Discord's REST API (v10), which cannot be reached from here: real Kestrel on a loopback port, under
/// <c>/api/v10</c>, with the routes NewsBot uses and their documented behaviour.
/// <list type="bullet">
/// <item><c>GET /gateway/bot</c>: <see cref="GatewayUrl"/>, <see cref="Shards"/>, <see cref="SessionStartLimit"/>.</item>
/// <item>Messages (<c>POST /channels/{c}/messages</c>, <c>PATCH …/messages/{m}</c>): the created or edited message, with
/// increasing snowflake ids, <c>channel_id</c>, <c>content</c>, <c>embeds</c>, <c>components</c> echoed; 400 50035 for content
/// over 2000 characters, 400 50006 for an empty message, 404 10008 for an unknown message.</item>
/// <item><c>POST …/messages/{m}/threads</c>: a public thread (type 11) whose id is the message's, <c>parent_id</c> the channel;
/// a second thread on one message is 400 160004.</item>
/// <item><c>POST /channels/{c}/typing</c> and <c>POST /interactions/{id}/{token}/callback</c>: 204; a second callback for one
/// interaction is 400 40060.</item>
/// <item><c>PATCH /webhooks/{app}/{token}/messages/@original</c> (or a follow-up's id) and <c>POST /webhooks/{app}/{token}</c>:
/// 404 10015 Unknown Webhook until the interaction was answered, or for another application's id.</item>
/// <item><c>PUT /applications/{app}/commands</c> and <c>…/guilds/{g}/commands</c>: the commands with ids.</item>
/// </list>
/// Bot routes need <c>Authorization: Bot {Token}</c> (else 401, code 0); webhook and interaction routes need none.
/// Every answer carries <c>X-RateLimit-*</c> headers for its bucket (see <see cref="Buckets"/>, limits set with
/// <see cref="SetBucketLimit"/>; 5 per second per channel by default, like Discord's messages). The fake counts each
/// bucket over a sliding window, stricter than Discord's fixed one: a client that waits <c>Reset-After</c> whenever
/// <c>Remaining</c> reaches 0 never sees a 429 from it, one that does not gets the documented 429 (<c>retry_after</c>,
/// <c>X-RateLimit-Scope: user</c>, <c>global: false</c>), and so does a bot sending more than
/// <see cref="GlobalLimitPerSecond"/> a second on bot routes (<c>global: true</c>). Those 429s are in
/// <see cref="RateLimited"/>. Everything received is in <see cref="Requests"/>; the next request (or the next one a
/// predicate picks) can be scripted to fail instead (<see cref="ThenRateLimit"/>, <see cref="ThenServerError"/>,
/// <see cref="ThenError"/>, <see cref="ThenRespond"/>).
/// </summary>
public sealed class FakeDiscordRest : IAsyncDisposable
{
    public const string BasePath = "/api/v10";

    /// <summary>The bucket ids (<c>X-RateLimit-Bucket</c>) the fake hands out; each is counted per major resource.</summary>
    public static class Buckets
    {
        public const string GatewayBot = "fake-gateway-bot";
        public const string CreateMessage = "fake-create-message";
        public const string EditMessage = "fake-edit-message";
        public const string StartThread = "fake-start-thread";
        public const string Typing = "fake-typing";
        public const string InteractionCallback = "fake-interaction-callback";
        public const string Webhook = "fake-webhook";
        public const string Commands = "fake-commands";
    }

    private static readonly DateTimeOffset DiscordEpoch = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly FakeRateLimit DefaultLimit = new(5, TimeSpan.FromSeconds(1));

    private readonly WebApplication _app;
    private readonly object _lock = new();
    private readonly List<FakeRequest> _requests = [];
    private readonly List<(Func<FakeRequest, bool> When, Func<HttpContext, Task> Respond)> _scripted = [];
    private readonly Dictionary<string, FakeRateLimit> _limits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DateTimeOffset>> _bucketLog = new(StringComparer.Ordinal);
    private readonly List<DateTimeOffset> _globalLog = [];
    private readonly Dictionary<string, JsonObject> _messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _threads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _interactionResponses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _originals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _interactionChannels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonArray> _commands = new(StringComparer.Ordinal);
    private long _lastSnowflake;

    private FakeDiscordRest(WebApplication app) => _app = app;

    /// <summary>The API's base, e.g. <c>http://127.0.0.1:54321/api/v10</c>: Discord:ApiBaseUrl for the bot under test.</summary>
    public Uri ApiBaseUrl { get; private set; } = null!;

    /// <summary>What <c>GET /gateway/bot</c> answers as <c>url</c> (a fake gateway's address). Nothing listens at the default.</summary>
    public string GatewayUrl { get; set; } = "ws://127.0.0.1:9";
    public int Shards { get; set; } = 1;
    public SessionStartLimit SessionStartLimit { get; set; } = new(1000, 999, 14_400_000, 1);

    /// <summary>The bot token bot routes must carry.</summary>
    public string Token { get; set; } = "fake-discord-bot-token.never-a-real-one";
    public string ApplicationId { get; set; } = "1100000000000000001";
    /// <summary>The bot user: the author of the messages it creates.</summary>
    public string BotUserId { get; set; } = "1100000000000000002";
    public string BotUsername { get; set; } = "NewsBot";
    /// <summary>The guild the threads it creates belong to.</summary>
    public string GuildId { get; set; } = "1100000000000000003";
    /// <summary>Requests a second on bot routes (webhook and interaction routes are not counted, as on Discord).</summary>
    public int GlobalLimitPerSecond { get; set; } = 50;

    public IReadOnlyList<FakeRequest> Requests
    {
        get { lock (_lock) return [.. _requests]; }
    }

    /// <summary>The requests the fake answered with a 429 of its own (a bucket or the global limit exceeded); scripted ones are not here.</summary>
    public IReadOnlyList<FakeRequest> RateLimited => [.. Requests.Where(r => r.RateLimitedBy is not null)];

    /// <summary>Messages by id, as they are now (created by the bot, or interaction answers).</summary>
    public IReadOnlyDictionary<string, JsonObject> Messages
    {
        get { lock (_lock) return _messages.ToDictionary(m => m.Key, m => (JsonObject)m.Value.DeepClone()); }
    }

    /// <summary>The commands registered: key <c>""</c> for the global ones, else the guild's id.</summary>
    public IReadOnlyDictionary<string, JsonArray> Commands
    {
        get { lock (_lock) return _commands.ToDictionary(c => c.Key, c => (JsonArray)c.Value.DeepClone()); }
    }

    /// <summary>The answer the bot gave an interaction (its callback body), by interaction token.</summary>
    public JsonObject? InteractionResponse(string interactionToken)
    {
        lock (_lock) return _interactionResponses.TryGetValue(interactionToken, out var body) ? (JsonObject)body.DeepClone() : null;
    }

    public static async Task<FakeDiscordRest> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeDiscordRest(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.ApiBaseUrl = new Uri(address.TrimEnd('/') + BasePath);
        return fake;
    }

    /// <summary>Requests to <paramref name="bucket"/> (one of <see cref="Buckets"/>), per major resource, are limited to <paramref name="limit"/> per <paramref name="per"/>.</summary>
    public void SetBucketLimit(string bucket, int limit, TimeSpan per)
    {
        lock (_lock) _limits[bucket] = new FakeRateLimit(limit, per);
    }

    /// <summary>The channel an interaction came from, so its answer messages carry it as <c>channel_id</c>.</summary>
    public void RegisterInteraction(string interactionToken, string channelId)
    {
        lock (_lock) _interactionChannels[interactionToken] = channelId;
    }

    /// <summary>The next request (that <paramref name="when"/> picks) is answered by <paramref name="respond"/> instead, and not counted in any bucket.</summary>
    public void ThenRespond(Func<HttpContext, Task> respond, Func<FakeRequest, bool>? when = null)
    {
        lock (_lock) _scripted.Add((when ?? (_ => true), respond));
    }

    /// <summary>
    /// The next request gets a 429: <c>retry_after</c> in the body (unless <paramref name="inBody"/> is false) and
    /// <c>Retry-After</c> (whole seconds, rounded up) in the headers; global (<c>X-RateLimit-Global</c>, scope global)
    /// or for its bucket (scope user).
    /// </summary>
    public void ThenRateLimit(double retryAfterSeconds, bool global = false, bool inBody = true, Func<FakeRequest, bool>? when = null) =>
        ThenRespond(context => WriteRateLimitedAsync(context, retryAfterSeconds, global, inBody), when);

    /// <summary>The next request gets a bare 5xx, as from Discord's proxy (no JSON, no rate-limit headers).</summary>
    public void ThenServerError(int status = StatusCodes.Status502BadGateway, Func<FakeRequest, bool>? when = null) => ThenRespond(async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync($"<html><body>{status}</body></html>");
    }, when);

    /// <summary>The next request gets Discord's error body: <c>{"message", "code", "errors"}</c>.</summary>
    public void ThenError(int status, int code, string message, JsonObject? errors = null, Func<FakeRequest, bool>? when = null) =>
        ThenRespond(context => WriteErrorAsync(context, status, code, message, errors), when);

    /// <summary>Waits until <paramref name="done"/> holds for the requests received (or times out, listing them).</summary>
    public async Task<IReadOnlyList<FakeRequest>> WaitForAsync(Func<IReadOnlyList<FakeRequest>, bool> done, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var received = Requests;
            if (done(received)) return received;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The fake Discord REST API did not receive what the test waited for. Received:\n" +
                    string.Join("\n", received.Select(r => r.ToString())));
            await Task.Delay(20);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = DateTimeOffset.UtcNow;
        var path = context.Request.Path.Value ?? "";
        string rawBody;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8)) rawBody = await reader.ReadToEndAsync();
        JsonNode? body = null;
        if (rawBody.Length > 0)
            try { body = JsonNode.Parse(rawBody); }
            catch (JsonException) { }
        var request = new FakeRequest(context.Request.Method,
            path.StartsWith(BasePath + "/", StringComparison.Ordinal) ? path[BasePath.Length..] : path,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body, rawBody, arrived);
        Func<HttpContext, Task>? scripted;
        lock (_lock)
        {
            _requests.Add(request);
            var index = _scripted.FindIndex(s => s.When(request));
            scripted = index < 0 ? null : _scripted[index].Respond;
            if (index >= 0) _scripted.RemoveAt(index);
        }
        try
        {
            if (scripted is not null)
            {
                request.Scripted = true;
                await scripted(context);
            }
            else
                await RouteAsync(context, request);
        }
        finally
        {
            request.Status = context.Response.StatusCode;
        }
    }

    private Task RouteAsync(HttpContext context, FakeRequest request)
    {
        var s = request.Segments;
        return (request.Method, s) switch
        {
            ("GET", ["gateway", "bot"]) => Bot(context, request, Buckets.GatewayBot, "", GatewayBot),
            ("POST", ["channels", var c, "messages"]) => Bot(context, request, Buckets.CreateMessage, c, () => CreateMessage(c, request.Body)),
            ("PATCH", ["channels", var c, "messages", var m]) => Bot(context, request, Buckets.EditMessage, c, () => EditMessage(c, m, request.Body)),
            ("POST", ["channels", var c, "messages", var m, "threads"]) => Bot(context, request, Buckets.StartThread, c, () => StartThread(c, m, request.Body)),
            ("POST", ["channels", var c, "typing"]) => Bot(context, request, Buckets.Typing, c, () => NoContent),
            ("POST", ["interactions", var i, var t, "callback"]) => Webhook(context, request, Buckets.InteractionCallback, $"{i}/{t}", () => Callback(t, request.Body)),
            ("PATCH", ["webhooks", var a, var t, "messages", var m]) => Webhook(context, request, Buckets.Webhook, $"{a}/{t}", () => EditWebhookMessage(a, t, m, request.Body)),
            ("POST", ["webhooks", var a, var t]) => Webhook(context, request, Buckets.Webhook, $"{a}/{t}", () => Followup(a, t, request.Body)),
            ("PUT", ["applications", var a, "commands"]) => Bot(context, request, Buckets.Commands, "", () => OverwriteCommands(a, "", request.Body)),
            ("PUT", ["applications", var a, "guilds", var g, "commands"]) => Bot(context, request, Buckets.Commands, "", () => OverwriteCommands(a, g, request.Body)),
            _ => WriteErrorAsync(context, StatusCodes.Status404NotFound, 0, "404: Not Found"),
        };
    }

    private record struct Answer(int Status, JsonNode? Body);

    private static readonly Answer NoContent = new(StatusCodes.Status204NoContent, null);

    private static Answer Error(int status, int code, string message, JsonObject? errors = null) =>
        new(status, ErrorBody(code, message, errors));

    /// <summary>A bot route: authorized by the bot token, counted in the global limit and in its bucket.</summary>
    private Task Bot(HttpContext context, FakeRequest request, string bucket, string major, Func<Answer> handle) =>
        request.Authorization == "Bot " + Token
            ? Limited(context, request, bucket, major, handle, countsGlobally: true)
            : WriteErrorAsync(context, StatusCodes.Status401Unauthorized, 0, "401: Unauthorized");

    /// <summary>A webhook or interaction route: authorized by the token in its path, outside the global limit.</summary>
    private Task Webhook(HttpContext context, FakeRequest request, string bucket, string major, Func<Answer> handle) =>
        Limited(context, request, bucket, major, handle, countsGlobally: false);

    /// <summary>Counts the request in the global limit and its bucket (sliding windows), answering 429 when one is full.</summary>
    private async Task Limited(HttpContext context, FakeRequest request, string bucket, string major, Func<Answer> handle, bool countsGlobally)
    {
        Answer? answer = null;
        double retryAfter = 0;
        lock (_lock)
        {
            var now = request.ArrivedAt;
            var limit = _limits.GetValueOrDefault(bucket, DefaultLimit);
            var key = $"{bucket} {major}";
            request.Bucket = key;
            if (!_bucketLog.TryGetValue(key, out var log)) _bucketLog[key] = log = [];
            log.RemoveAll(t => t <= now - limit.Per);
            _globalLog.RemoveAll(t => t <= now - TimeSpan.FromSeconds(1));
            if (countsGlobally && _globalLog.Count >= GlobalLimitPerSecond)
            {
                request.RateLimitedBy = "global";
                retryAfter = (_globalLog[0] + TimeSpan.FromSeconds(1) - now).TotalSeconds;
            }
            else if (log.Count >= limit.Limit)
            {
                request.RateLimitedBy = "user";
                retryAfter = (log[0] + limit.Per - now).TotalSeconds; // until the oldest request leaves the window
                SetLimitHeaders(context, bucket, limit, log, now);
            }
            else
            {
                log.Add(now);
                if (countsGlobally) _globalLog.Add(now);
                SetLimitHeaders(context, bucket, limit, log, now);
                answer = handle();
            }
        }
        if (answer is not { } a)
        {
            await WriteRateLimitedAsync(context, retryAfter, request.RateLimitedBy == "global", inBody: true);
            return;
        }
        context.Response.StatusCode = a.Status;
        if (a.Body is not null) await WriteJsonAsync(context, a.Body);
    }

    /// <summary>
    /// Limit, Remaining, and the reset: when the newest request leaves the window, the bucket is whole again
    /// (Reset-After rounded up to the millisecond, so waiting it out is always enough).
    /// </summary>
    private static void SetLimitHeaders(HttpContext context, string bucket, FakeRateLimit limit, List<DateTimeOffset> log, DateTimeOffset now)
    {
        var reset = (log.Count == 0 ? now : log[^1]) + limit.Per;
        var headers = context.Response.Headers;
        headers["X-RateLimit-Bucket"] = bucket;
        headers["X-RateLimit-Limit"] = limit.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = Math.Max(0, limit.Limit - log.Count).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = Seconds((reset - DateTimeOffset.UnixEpoch).TotalSeconds);
        headers["X-RateLimit-Reset-After"] = Seconds((reset - now).TotalSeconds);
    }

    private static string Seconds(double seconds) => (Math.Ceiling(Math.Max(0, seconds) * 1000) / 1000).ToString("0.###", CultureInfo.InvariantCulture);

    private static async Task WriteRateLimitedAsync(HttpContext context, double retryAfter, bool global, bool inBody)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Ceiling(Math.Max(0, retryAfter)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Scope"] = global ? "global" : "user";
        if (global) context.Response.Headers["X-RateLimit-Global"] = "true";
        var body = new JsonObject { ["message"] = "You are being rate limited." };
        if (inBody) body["retry_after"] = double.Parse(Seconds(retryAfter), CultureInfo.InvariantCulture);
        body["global"] = global;
        await WriteJsonAsync(context, body);
    }

    private static JsonObject ErrorBody(int code, string message, JsonObject? errors)
    {
        var body = new JsonObject { ["message"] = message, ["code"] = code };
        if (errors is not null) body["errors"] = errors.DeepClone();
        return body;
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, int code, string message, JsonObject? errors = null)
    {
        context.Response.StatusCode = status;
        await WriteJsonAsync(context, ErrorBody(code, message, errors));
    }

    private static async Task WriteJsonAsync(HttpContext context, JsonNode body)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    // The routes. They run under _lock.

    private Answer GatewayBot() => new(StatusCodes.Status200OK, new JsonObject
    {
        ["url"] = GatewayUrl,
        ["shards"] = Shards,
        ["session_start_limit"] = new JsonObject
        {
            ["total"] = SessionStartLimit.Total,
            ["remaining"] = SessionStartLimit.Remaining,
            ["reset_after"] = SessionStartLimit.ResetAfter,
            ["max_concurrency"] = SessionStartLimit.MaxConcurrency,
        },
    });

    private Answer CreateMessage(string channelId, JsonNode? body)
    {
        if (Invalid(body as JsonObject) is { } invalid) return invalid;
        var message = NewMessage(channelId, (JsonObject)body!);
        return new(StatusCodes.Status200OK, message.DeepClone());
    }

    private Answer EditMessage(string channelId, string messageId, JsonNode? body)
    {
        if (!_messages.TryGetValue(messageId, out var message) || (string?)message["channel_id"] != channelId)
            return Error(StatusCodes.Status404NotFound, 10008, "Unknown Message");
        return Edit(message, body);
    }

    private Answer StartThread(string channelId, string messageId, JsonNode? body)
    {
        var name = (string?)body?["name"];
        if (name is not { Length: >= 1 and <= 100 })
            return Error(StatusCodes.Status400BadRequest, 50035, "Invalid Form Body", FieldError("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."));
        if (_threads.ContainsKey(messageId))
            return Error(StatusCodes.Status400BadRequest, 160004, "A thread has already been created for this message");
        // A thread started from a message has the message's id.
        var thread = new JsonObject
        {
            ["id"] = messageId,
            ["type"] = 11,
            ["guild_id"] = GuildId,
            ["parent_id"] = channelId,
            ["owner_id"] = BotUserId,
            ["name"] = name,
            ["thread_metadata"] = new JsonObject
            {
                ["archived"] = false,
                ["auto_archive_duration"] = (int?)body?["auto_archive_duration"] ?? 4320,
                ["locked"] = false,
            },
        };
        _threads[messageId] = thread;
        return new(StatusCodes.Status200OK, thread.DeepClone());
    }

    private Answer Callback(string interactionToken, JsonNode? body)
    {
        if (body is not JsonObject response || (int?)response["type"] is not { } type)
            return Error(StatusCodes.Status400BadRequest, 50035, "Invalid Form Body", FieldError("type", "BASE_TYPE_REQUIRED", "This field is required"));
        if (_interactionResponses.ContainsKey(interactionToken))
            return Error(StatusCodes.Status400BadRequest, 40060, "Interaction has already been acknowledged.");
        if (type is 4 && Invalid(response["data"] as JsonObject) is { } invalid) return invalid;
        _interactionResponses[interactionToken] = (JsonObject)response.DeepClone();
        if (type is 4 or 5)
        {
            // The original response message: the answer, or "NewsBot is thinking…" (flag 128, LOADING) until edited.
            var data = response["data"] as JsonObject ?? [];
            var message = NewMessage(_interactionChannels.GetValueOrDefault(interactionToken, ""), type is 4 ? data : new JsonObject { ["flags"] = ((int?)data["flags"] ?? 0) | 128 });
            _originals[interactionToken] = (string)message["id"]!;
        }
        return NoContent;
    }

    private Answer EditWebhookMessage(string applicationId, string interactionToken, string messageId, JsonNode? body)
    {
        if (applicationId != ApplicationId || !_interactionResponses.ContainsKey(interactionToken))
            return Error(StatusCodes.Status404NotFound, 10015, "Unknown Webhook");
        if (messageId == "@original")
        {
            if (!_originals.TryGetValue(interactionToken, out var original))
                _originals[interactionToken] = original = (string)NewMessage(_interactionChannels.GetValueOrDefault(interactionToken, ""), [])["id"]!;
            messageId = original;
        }
        return _messages.TryGetValue(messageId, out var message) ? Edit(message, body) : Error(StatusCodes.Status404NotFound, 10008, "Unknown Message");
    }

    private Answer Followup(string applicationId, string interactionToken, JsonNode? body)
    {
        if (applicationId != ApplicationId || !_interactionResponses.ContainsKey(interactionToken))
            return Error(StatusCodes.Status404NotFound, 10015, "Unknown Webhook");
        if (Invalid(body as JsonObject) is { } invalid) return invalid;
        var message = NewMessage(_interactionChannels.GetValueOrDefault(interactionToken, ""), (JsonObject)body!);
        return new(StatusCodes.Status200OK, message.DeepClone());
    }

    private Answer OverwriteCommands(string applicationId, string guildId, JsonNode? body)
    {
        if (applicationId != ApplicationId) return Error(StatusCodes.Status403Forbidden, 50001, "Missing Access");
        if (body is not JsonArray commands)
            return Error(StatusCodes.Status400BadRequest, 50035, "Invalid Form Body", FieldError("", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType"));
        var registered = new JsonArray();
        foreach (var command in commands.OfType<JsonObject>())
        {
            var copy = (JsonObject)command.DeepClone();
            copy["id"] = NextSnowflake();
            copy["application_id"] = ApplicationId;
            copy["version"] = NextSnowflake();
            if (guildId.Length > 0) copy["guild_id"] = guildId;
            registered.Add(copy);
        }
        _commands[guildId] = registered;
        return new(StatusCodes.Status200OK, registered.DeepClone());
    }

    /// <summary>Discord's checks on a message body: not empty, content at most 2000 characters, at most 10 embeds.</summary>
    private static Answer? Invalid(JsonObject? body)
    {
        var content = (string?)body?["content"];
        var embeds = body?["embeds"] as JsonArray;
        if (content is { Length: > 2000 })
            return Error(StatusCodes.Status400BadRequest, 50035, "Invalid Form Body", FieldError("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length."));
        if (embeds is { Count: > 10 })
            return Error(StatusCodes.Status400BadRequest, 50035, "Invalid Form Body", FieldError("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length."));
        if (string.IsNullOrEmpty(content) && embeds is not { Count: > 0 } && body?["components"] is not JsonArray { Count: > 0 })
            return Error(StatusCodes.Status400BadRequest, 50006, "Cannot send an empty message");
        return null;
    }

    private static JsonObject FieldError(string field, string code, string message)
    {
        var errors = new JsonObject { ["_errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }) };
        return field.Length == 0 ? errors : new JsonObject { [field] = errors };
    }

    private JsonObject NewMessage(string channelId, JsonObject body)
    {
        var id = NextSnowflake();
        var message = new JsonObject
        {
            ["id"] = id,
            ["type"] = body["message_reference"] is JsonObject ? 19 : 0,
            ["channel_id"] = channelId,
            ["author"] = new JsonObject { ["id"] = BotUserId, ["username"] = BotUsername, ["bot"] = true },
            ["content"] = (string?)body["content"] ?? "",
            ["embeds"] = body["embeds"]?.DeepClone() ?? new JsonArray(),
            ["components"] = body["components"]?.DeepClone() ?? new JsonArray(),
            ["mentions"] = new JsonArray(),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["edited_timestamp"] = null,
            ["flags"] = (int?)body["flags"] ?? 0,
        };
        if (body["message_reference"] is JsonObject reference) message["message_reference"] = reference.DeepClone();
        _messages[id] = message;
        return message;
    }

    private static Answer Edit(JsonObject message, JsonNode? body)
    {
        if (body is not JsonObject edit) return Error(StatusCodes.Status400BadRequest, 50109, "The request body contains invalid JSON.");
        foreach (var field in new[] { "content", "embeds", "components", "flags" })
            if (edit.TryGetPropertyValue(field, out var value))
                message[field] = value?.DeepClone() ?? (field is "content" ? "" : field is "flags" ? 0 : new JsonArray());
        if ((string?)message["content"] is { Length: > 2000 })
            return Error(StatusCodes.Status400BadRequest, 50035, "Invalid Form Body", FieldError("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length."));
        message["edited_timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        return new(StatusCodes.Status200OK, message.DeepClone());
    }

    /// <summary>Ids like Discord's: milliseconds since 2015 shifted left 22 bits, always increasing.</summary>
    private string NextSnowflake()
    {
        var fromClock = (long)(DateTimeOffset.UtcNow - DiscordEpoch).TotalMilliseconds << 22;
        _lastSnowflake = Math.Max(fromClock, _lastSnowflake + 1);
        return _lastSnowflake.ToString(CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A bucket's limit in the fake: <see cref="Limit"/> requests in any <see cref="Per"/>.</summary>
public sealed record FakeRateLimit(int Limit, TimeSpan Per);

/// <summary>One request the fake Discord REST API received. <see cref="Path"/> is relative to <c>/api/v10</c>.</summary>
public sealed record FakeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, JsonNode? Body, string RawBody, DateTimeOffset ArrivedAt)
{
    /// <summary>The status the fake answered (0 while it is answering).</summary>
    public int Status { get; set; }
    /// <summary>A scripted response answered it (<see cref="FakeDiscordRest.ThenRespond"/>).</summary>
    public bool Scripted { get; set; }
    /// <summary>"user" or "global" when the fake answered 429 because the client exceeded a limit.</summary>
    public string? RateLimitedBy { get; set; }
    /// <summary>The bucket the fake counted it in: bucket id and major resource.</summary>
    public string? Bucket { get; set; }

    public string[] Segments => Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
    public string? Authorization => Headers.GetValueOrDefault("Authorization");
    public string? UserAgent => Headers.GetValueOrDefault("User-Agent");
    public string? Content => (string?)Body?["content"];

    public override string ToString() =>
        $"{ArrivedAt:HH:mm:ss.fff} {Method} {Path} -> {Status}{(Scripted ? " (scripted)" : "")} {RawBody[..Math.Min(200, RawBody.Length)]}";
}
