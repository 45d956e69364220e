using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NewsBot.Qdrant.Api;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace NewsBot.Qdrant.Http;

/// <summary>
/// Qdrant's REST API over one <see cref="HttpClient"/>: JSON bodies (source-generated), the <c>api-key</c> header,
/// a timeout per attempt, and retries with jittered exponential backoff when a request could not connect, timed out,
/// or got a 5xx or 429 (every NewsBot write is idempotent, so retrying one is safe). A 4xx is not retried: it throws
/// <see cref="QdrantException"/> with Qdrant's own message.
/// </summary>
public sealed class QdrantHttp : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ILogger _logger;

    public QdrantHttp(QdrantOptions options, ILogger? logger = null, HttpMessageHandler? handler = null, TimeProvider? time = null)
    {
        _logger = logger ?? NullLogger.Instance;
        BaseAddress = new Uri(options.Url.EndsWith('/') ? options.Url : options.Url + "/");
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = BaseAddress;
        _http.Timeout = Timeout.InfiniteTimeSpan;  // the pipeline times each attempt
        if (!string.IsNullOrEmpty(options.ApiKey)) _http.DefaultRequestHeaders.Add("api-key", options.ApiKey);
        _pipeline = BuildPipeline(options, time ?? TimeProvider.System);
    }

    /// <summary>Qdrant's address, as configured (never with the key).</summary>
    public Uri BaseAddress { get; }

    public Task<TResult?> GetAsync<TResult>(string path, JsonTypeInfo<Envelope<TResult>> result, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, result, cancellationToken);

    public Task<TResult?> SendAsync<TBody, TResult>(HttpMethod method, string path, TBody body, JsonTypeInfo<TBody> bodyType,
        JsonTypeInfo<Envelope<TResult>> result, CancellationToken cancellationToken) =>
        SendAsync(method, path, JsonSerializer.SerializeToUtf8Bytes(body, bodyType), result, cancellationToken);

    public async Task<TResult?> SendAsync<TResult>(HttpMethod method, string path, byte[]? body, JsonTypeInfo<Envelope<TResult>> result, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw Failure(method, path, response, bytes);
        try
        {
            return JsonSerializer.Deserialize(bytes, result)!.Result;
        }
        catch (JsonException e)
        {
            throw new QdrantException($"Qdrant's answer to {method} {path} is not the JSON NewsBot expects ({e.Message}). Is {BaseAddress} a Qdrant 1.10 or later?", response.StatusCode, inner: e);
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async ct =>
            {
                using var request = new HttpRequestMessage(method, path);
                if (body is not null) request.Content = new ByteArrayContent(body) { Headers = { ContentType = Json } };
                return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            }, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            var why = e is TimeoutRejectedException ? "it did not answer in time" : e.Message;
            throw new QdrantUnavailableException(
                $"Qdrant is not reachable at {BaseAddress} ({why}). Start it (the README has docker compose files), or point VectorStore:Qdrant:Url at it.", e);
        }
    }

    private QdrantException Failure(HttpMethod method, string path, HttpResponseMessage response, byte[] body)
    {
        var error = ReadError(body);
        var status = (int)response.StatusCode;
        var message = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"Qdrant at {BaseAddress} refused NewsBot's API key (HTTP {status}{(error is null ? "" : ": " + error)}). Set VectorStore:Qdrant:ApiKey (NEWSBOT__VECTORSTORE__QDRANT__APIKEY or user secrets) to the key Qdrant was started with.",
            _ => $"Qdrant refused {method} {path}: {error ?? response.ReasonPhrase ?? "no reason given"} (HTTP {status}).",
        };
        return new QdrantException(message, response.StatusCode, error);
    }

    /// <summary>Qdrant's <c>{"status": {"error": "…"}}</c>; a body that is not that (a proxy's page, say) is shown as text, shortened.</summary>
    private static string? ReadError(byte[] body)
    {
        if (body.Length == 0) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("status", out var status)
                && status.ValueKind == JsonValueKind.Object
                && status.TryGetProperty("error", out var error))
                return error.GetString();
        }
        catch (JsonException) { }
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).Trim();
        return text.Length == 0 ? null : text;
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline(QdrantOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(10),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.TooManyRequests),
                // Qdrant's rate limiter (strict mode, Qdrant Cloud) says when to come back.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Headers.RetryAfter?.Delta is { } after && after <= TimeSpan.FromSeconds(60) ? after : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var what = args.Outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}" : args.Outcome.Exception?.GetType().Name;
                    _logger.LogWarning("Qdrant request failed ({What}); retry {Attempt} of {Max} in {Delay} ms", what, args.AttemptNumber + 1, options.MaxRetries, (int)args.RetryDelay.TotalMilliseconds);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }
        builder.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
        return builder.Build();
    }

    public void Dispose() => _http.Dispose();
}
