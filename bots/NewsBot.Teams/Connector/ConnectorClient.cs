using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NewsBot.Teams.Protocol;
using Polly;
using Polly.Retry;

namespace NewsBot.Teams.Connector;

/// <summary>
/// Sends the bot's activities through the Bot Connector REST API (v3) at the conversation's <c>serviceUrl</c>:
/// replies into the thread the question came from, and plain sends (typing). Each request waits for the
/// <see cref="ConnectorThrottle"/>, carries a bearer token from <see cref="BotTokenProvider"/> (none in anonymous
/// mode), and is retried on 429 and 5xx, honouring Retry-After, with exponential backoff otherwise.
/// </summary>
public sealed class ConnectorClient
{
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(60);
    private static readonly HttpRequestOptionsKey<bool> HadToken = new("newsbot.hadToken");

    private readonly HttpClient _http;
    private readonly BotTokenProvider _tokens;
    private readonly ConnectorThrottle _throttle;
    private readonly ILogger<ConnectorClient> _log;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;

    public ConnectorClient(HttpClient http, BotTokenProvider tokens, ConnectorThrottle throttle, TeamsOptions options, TimeProvider time, ILogger<ConnectorClient> log)
    {
        _http = http;
        _tokens = tokens;
        _throttle = throttle;
        _log = log;
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        // Teams:MaxRetries = 0 means no retries at all (Polly's retry wants at least one).
        if (options.MaxRetries > 0)
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time)),
                OnRetry = args =>
                {
                    _log.LogWarning("The Bot Connector answered {Outcome}; retry {Attempt} in {Delay:F1} s",
                        args.Outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}" : args.Outcome.Exception?.GetType().Name, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        _retry = pipeline.Build();
    }

    /// <summary>Replies to <paramref name="to"/> in its conversation and thread; returns the id the connector gave the reply.</summary>
    public Task<string?> ReplyAsync(Activity to, Activity reply, CancellationToken cancellationToken)
    {
        Address(reply, to);
        reply.ReplyToId = to.Id;
        var path = to.Id is { Length: > 0 } id
            ? $"v3/conversations/{Uri.EscapeDataString(to.Conversation!.Id!)}/activities/{Uri.EscapeDataString(id)}"
            : $"v3/conversations/{Uri.EscapeDataString(to.Conversation!.Id!)}/activities";
        return PostAsync(to, path, reply, cancellationToken);
    }

    /// <summary>Sends <paramref name="activity"/> to <paramref name="to"/>'s conversation, not as a reply (a typing indicator).</summary>
    public Task<string?> SendAsync(Activity to, Activity activity, CancellationToken cancellationToken)
    {
        Address(activity, to);
        return PostAsync(to, $"v3/conversations/{Uri.EscapeDataString(to.Conversation!.Id!)}/activities", activity, cancellationToken);
    }

    /// <summary>The reply's envelope mirrors the inbound activity: from the bot, to the reader, in the same conversation.</summary>
    private static void Address(Activity outbound, Activity inbound)
    {
        outbound.ChannelId = inbound.ChannelId;
        outbound.ServiceUrl = inbound.ServiceUrl;
        outbound.Conversation = inbound.Conversation;
        outbound.From = inbound.Recipient;
        outbound.Recipient = inbound.From;
        outbound.Locale ??= inbound.Locale;
    }

    private async Task<string?> PostAsync(Activity to, string path, Activity activity, CancellationToken cancellationToken)
    {
        var url = new Uri(new Uri(to.ServiceUrl!.TrimEnd('/') + "/"), path);
        await _throttle.WaitAsync(to.Conversation!.TenantId, to.Conversation.Id!, cancellationToken);
        var body = JsonSerializer.SerializeToUtf8Bytes(activity, TeamsJsonContext.Default.Activity);
        var response = await SendWithRetriesAsync(url, body, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized && response.RequestMessage?.Options.TryGetValue(HadToken, out var had) == true && had)
        {
            // A token the connector no longer accepts (revoked, secret rotated): fetch a new one, once.
            response.Dispose();
            _tokens.Invalidate();
            response = await SendWithRetriesAsync(url, body, cancellationToken);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                if (response.Content.Headers.ContentLength == 0) return null;
                try { return (await response.Content.ReadFromJsonAsync(TeamsJsonContext.Default.ResourceResponse, cancellationToken))?.Id; }
                catch (JsonException) { return null; }
            }
            var error = await ReadErrorAsync(response, cancellationToken);
            throw new ConnectorException(response.StatusCode, error?.Code,
                $"The Bot Connector refused the {activity.Type} (HTTP {(int)response.StatusCode}{(error?.Code is { } code ? ", " + code : "")}): {error?.Message ?? response.ReasonPhrase}");
        }
    }

    private async Task<HttpResponseMessage> SendWithRetriesAsync(Uri url, byte[] body, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async ct =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            var token = await _tokens.GetTokenAsync(ct);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Options.Set(HadToken, token is not null);
            return await _http.SendAsync(request, ct);
        }, cancellationToken);

    private static async Task<ErrorDetail?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try { return (await response.Content.ReadFromJsonAsync(TeamsJsonContext.Default.ErrorResponse, cancellationToken))?.Error; }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException) { return null; }
    }

    /// <summary>The connector's Retry-After (seconds or a date), capped; null lets the backoff decide.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        if (wait is null) return null;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestRetryAfter ? LongestRetryAfter : wait;
    }
}
