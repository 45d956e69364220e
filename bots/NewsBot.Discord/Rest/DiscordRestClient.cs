using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using NewsBot.Discord.Model;

namespace NewsBot.Discord.Rest;

/// <summary>
/// Discord's REST API (v10), the routes NewsBot uses. Every request keeps to Discord's documented rate limits before
/// it is sent: it waits its turn in its route's bucket (<see cref="RateLimitBuckets"/>), one request at a time per
/// bucket, and for the bot's global 50 a second (<see cref="GlobalRateLimit"/>; webhook and interaction routes are
/// not counted there, as Discord says). A 429 is waited out (<c>retry_after</c>) and retried, a 5xx retried with
/// backoff, at most <see cref="MaxRetries"/> times each; any other error is a <see cref="DiscordApiException"/>.
/// The bot token goes in the Authorization header only, and nowhere in logs or messages; webhook and interaction
/// routes are authorized by their token and get no bot token at all. A failed connection is not retried here (the
/// request may have reached Discord, and a message must not be posted twice); the caller decides.
/// </summary>
public sealed class DiscordRestClient
{
    /// <summary>The form Discord asks bots to send: <c>DiscordBot ($url, $versionNumber)</c>.</summary>
    public const string UserAgent = "DiscordBot (https://github.com/newsbot/newsbot, 1.0)";
    public const int MaxRetries = 3;

    /// <summary>A 429 asking for a longer wait is not retried: an answer that late is no use to the person who asked.</summary>
    internal static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(60);
    /// <summary>The first wait after a 5xx; doubled at each retry.</summary>
    internal static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);

    private readonly HttpClient _http;
    private readonly DiscordOptions _options;
    private readonly ILogger<DiscordRestClient> _log;
    private readonly MonotonicClock _clock;
    private readonly RateLimitBuckets _buckets;
    private readonly GlobalRateLimit _global;

    public DiscordRestClient(HttpClient http, DiscordOptions options, TimeProvider time, ILogger<DiscordRestClient> log)
    {
        _http = http;
        _options = options;
        _log = log;
        _clock = new MonotonicClock(time);
        _buckets = new RateLimitBuckets(_clock);
        _global = new GlobalRateLimit(_clock);
    }

    /// <summary><c>GET /gateway/bot</c>: the gateway's address, the recommended shard count and the session start limit.</summary>
    public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken ct) =>
        SendAsync(HttpMethod.Get, Path("gateway", "bot"), null, DiscordRestJsonContext.Default.GatewayBotInfo, ct);

    /// <summary><c>POST /channels/{channel.id}/messages</c>.</summary>
    public Task<DiscordMessage> CreateMessageAsync(string channelId, MessageCreate message, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, Path("channels", channelId, "messages"), Json(PingsNobody(message), DiscordJsonContext.Default.MessageCreate), DiscordJsonContext.Default.DiscordMessage, ct);

    /// <summary><c>PATCH /channels/{channel.id}/messages/{message.id}</c>.</summary>
    public Task<DiscordMessage> EditMessageAsync(string channelId, string messageId, MessageEdit edit, CancellationToken ct) =>
        SendAsync(HttpMethod.Patch, Path("channels", channelId, "messages", messageId), Json(PingsNobody(edit), DiscordJsonContext.Default.MessageEdit), DiscordJsonContext.Default.DiscordMessage, ct);

    /// <summary><c>POST /channels/{channel.id}/messages/{message.id}/threads</c>: a public thread on a message (the thread's id is the message's).</summary>
    public Task<DiscordChannel> StartThreadFromMessageAsync(string channelId, string messageId, StartThread thread, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, Path("channels", channelId, "messages", messageId, "threads"), Json(thread, DiscordJsonContext.Default.StartThread), DiscordJsonContext.Default.DiscordChannel, ct);

    /// <summary><c>POST /channels/{channel.id}/typing</c>: "NewsBot is typing…" for about 10 seconds.</summary>
    public Task TriggerTypingAsync(string channelId, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, Path("channels", channelId, "typing"), null, ct);

    /// <summary><c>POST /interactions/{interaction.id}/{interaction.token}/callback</c>: the first answer, due within 3 seconds.</summary>
    public Task CreateInteractionResponseAsync(string interactionId, string interactionToken, InteractionResponse response, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, Path("interactions", interactionId, interactionToken, "callback"), Json(PingsNobody(response), DiscordJsonContext.Default.InteractionResponse), ct);

    /// <summary><c>PATCH /webhooks/{application.id}/{interaction.token}/messages/@original</c>.</summary>
    public Task<DiscordMessage> EditOriginalResponseAsync(string interactionToken, MessageEdit edit, CancellationToken ct) =>
        SendAsync(HttpMethod.Patch, Path("webhooks", ApplicationId(), interactionToken, "messages", "@original"), Json(PingsNobody(edit), DiscordJsonContext.Default.MessageEdit), DiscordJsonContext.Default.DiscordMessage, ct);

    /// <summary><c>POST /webhooks/{application.id}/{interaction.token}</c>: a follow-up message to an interaction.</summary>
    public Task<DiscordMessage> CreateFollowupAsync(string interactionToken, MessageCreate message, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, Path("webhooks", ApplicationId(), interactionToken), Json(PingsNobody(message), DiscordJsonContext.Default.MessageCreate), DiscordJsonContext.Default.DiscordMessage, ct);

    /// <summary>
    /// <c>PUT /applications/{application.id}/commands</c>, or <c>…/guilds/{guild.id}/commands</c> when Discord:GuildId is
    /// set: the bot's slash commands become exactly <paramref name="commands"/>.
    /// </summary>
    public Task BulkOverwriteCommandsAsync(IReadOnlyList<ApplicationCommand> commands, CancellationToken ct)
    {
        var path = _options.GuildId is { Length: > 0 } guild
            ? Path("applications", ApplicationId(), "guilds", guild, "commands")
            : Path("applications", ApplicationId(), "commands");
        return SendAsync(HttpMethod.Put, path, Json(commands.ToList(), DiscordJsonContext.Default.ListApplicationCommand), ct);
    }

    // Every message body carries allowed_mentions (parse: [] unless the caller chose otherwise): without it Discord
    // would ping whoever a quoted article's text happens to @mention.
    private static MessageCreate PingsNobody(MessageCreate message)
    {
        message.AllowedMentions ??= AllowedMentions.None;
        return message;
    }

    private static MessageEdit PingsNobody(MessageEdit edit)
    {
        edit.AllowedMentions ??= AllowedMentions.None;
        return edit;
    }

    private static InteractionResponse PingsNobody(InteractionResponse response)
    {
        if (response.Data is { } data) PingsNobody(data);
        return response;
    }

    private string ApplicationId() => _options.ApplicationId is { Length: > 0 } id
        ? id
        : throw new InvalidOperationException("Discord:ApplicationId is not set: interaction follow-ups and slash commands are addressed by the application's id (Developer Portal, General Information).");

    private static string Path(params string[] segments)
    {
        foreach (var segment in segments) ArgumentException.ThrowIfNullOrEmpty(segment, nameof(segments));
        return "/" + string.Join('/', segments.Select(Uri.EscapeDataString));
    }

    private static byte[] Json<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, byte[]? body, JsonTypeInfo<T> answer, CancellationToken ct)
    {
        var route = RouteKey.For(method, path);
        using var response = await SendWithLimitsAsync(method, path, route, body, ct);
        try
        {
            return await response.Content.ReadFromJsonAsync(answer, ct)
                ?? throw new DiscordApiException(response.StatusCode, null, $"Discord answered {route} with an empty body.");
        }
        catch (JsonException e)
        {
            throw new DiscordApiException(response.StatusCode, null, $"Discord answered {route} with JSON NewsBot cannot read: {e.Message}", e);
        }
    }

    private async Task SendAsync(HttpMethod method, string path, byte[]? body, CancellationToken ct)
    {
        using var _ = await SendWithLimitsAsync(method, path, RouteKey.For(method, path), body, ct);
    }

    /// <summary>Sends once the limits allow it, retrying 429s and 5xx; returns a success, throws for the rest.</summary>
    private async Task<HttpResponseMessage> SendWithLimitsAsync(HttpMethod method, string path, RouteKey route, byte[]? body, CancellationToken ct)
    {
        if (!route.IsWebhook && !_options.Enabled)
            throw new InvalidOperationException("Discord:Token is not set: the bot's token from the Developer Portal's Bot page.");
        var url = new Uri(_options.ApiBaseUrl.TrimEnd('/') + path);
        // The bucket's turn is held across the retries: the bucket's next request waits for this one to be done.
        using var lease = await _buckets.AcquireAsync(route, ct);
        var rateLimited = 0;
        var failed = 0;
        while (true)
        {
            var queued = _clock.Now;
            await lease.TakeAsync(ct);
            if (!route.IsWebhook) await _global.WaitAsync(ct);
            if (_clock.Now - queued is { TotalMilliseconds: > 100 } waited)
                _log.LogDebug("{Route} waited {Seconds:F2} s for Discord's rate limits", route, waited.TotalSeconds);
            using var request = Request(method, url, route, body);
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var headers = RateLimitHeaders.From(response.Headers);
            lease.Learn(headers);
            if (response.IsSuccessStatusCode) return response;

            using (response)
            {
                var error = await ReadErrorAsync(response, ct);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var retryAfter = error?.RetryAfter is { } seconds && double.IsFinite(seconds) && seconds >= 0
                        ? TimeSpan.FromSeconds(seconds)
                        : headers.RetryAfter ?? headers.ResetAfter ?? TimeSpan.FromSeconds(1);
                    var global = headers.Global || error?.Global == true || headers.Scope == "global";
                    // This request waits either way; a global one stops every other request too.
                    lease.BlockFor(retryAfter);
                    if (global)
                    {
                        _global.PauseFor(retryAfter);
                        _log.LogWarning("Discord's global rate limit was hit on {Route}: every request pauses for {Seconds:F2} s", route, retryAfter.TotalSeconds);
                    }
                    if (++rateLimited > MaxRetries || retryAfter > LongestRetryAfter)
                        throw new DiscordApiException(response.StatusCode, error?.Code,
                            $"Discord rate-limited {route} ({(global ? "global" : headers.Scope ?? "route")} limit, retry after {retryAfter.TotalSeconds:F1} s); " +
                            (retryAfter > LongestRetryAfter ? "too long to wait." : $"gave up after {MaxRetries} retries."));
                    _log.LogWarning("Discord rate-limited {Route} ({Scope} limit); retry {Attempt} of {Max} in {Seconds:F2} s",
                        route, global ? "global" : headers.Scope ?? "route", rateLimited, MaxRetries, retryAfter.TotalSeconds);
                    continue;
                }
                if ((int)response.StatusCode >= 500)
                {
                    if (++failed > MaxRetries) throw Refused(route, response, error, $" after {MaxRetries} retries");
                    var backoff = FirstBackoff * Math.Pow(2, failed - 1);
                    _log.LogWarning("Discord answered {Route} with HTTP {Status}; retry {Attempt} of {Max} in {Seconds:F1} s",
                        route, (int)response.StatusCode, failed, MaxRetries, backoff.TotalSeconds);
                    await _clock.DelayAsync(backoff, ct);
                    continue;
                }
                throw Refused(route, response, error, "");
            }
        }
    }

    private HttpRequestMessage Request(HttpMethod method, Uri url, RouteKey route, byte[]? body)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (!route.IsWebhook) request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _options.Token);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        return request;
    }

    private static async Task<DiscordErrorBody?> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try { return await response.Content.ReadFromJsonAsync(DiscordRestJsonContext.Default.DiscordErrorBody, ct); }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException) { return null; }
    }

    private static DiscordApiException Refused(RouteKey route, HttpResponseMessage response, DiscordErrorBody? error, string afterRetries)
    {
        var status = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            return new DiscordApiException(response.StatusCode, error?.Code,
                $"Discord refused the bot's token ({status} on {route}): check Discord:Token, the token from the Developer Portal's Bot page (reset it there if it was leaked).");
        var details = error?.FieldErrors().ToList() ?? [];
        var message = $"Discord refused {route} ({status}{(error?.Code is { } code ? $", code {code}" : "")}{afterRetries}): {error?.Message ?? "no error message"}" +
            (details.Count > 0 ? " — " + string.Join("; ", details) : "");
        return new DiscordApiException(response.StatusCode, error?.Code, message);
    }
}
