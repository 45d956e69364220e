using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// A FAKE of Qdrant 1.19's REST API for tests, where no Qdrant can run: real Kestrel on a loopback port, the endpoints
/// NewsBot's Qdrant store uses, computing what Qdrant computes (exact search instead of HNSW, which is what Qdrant returns
/// for an exact search) and failing as Qdrant fails (status codes and <c>status.error</c> texts from Qdrant's source;
/// each class says where its behaviour comes from). Writes are applied before the answer, whatever <c>wait</c> says.
/// <para>
/// Around Qdrant's behaviour the fake adds what tests need: every request is recorded (<see cref="Requests"/>), every body
/// is checked by <see cref="FakeQdrantOptions.Validator"/> (violations in <see cref="SchemaViolations"/> and answered 400
/// as a malformed body), and the next requests can be made to fail (<see cref="FailNext"/>), to drop the connection
/// (<see cref="DropNext"/>) or to wait (<see cref="Delay"/>). Request handling order: delay, drop, scripted failure,
/// API key, content type and JSON parsing, validator, endpoint.
/// </para>
/// </summary>
public sealed class FakeQdrant : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeQdrantOptions _options;
    private readonly FakeCollectionRegistry _collections = new();
    private readonly FakeQdrantRouter _router;
    private readonly FakeFaultScript _faults = new();
    private readonly object _log = new();
    private readonly List<LoggedRequest> _requests = [];
    private readonly List<string> _violations = [];
    private long _delayTicks;

    private FakeQdrant(WebApplication app, FakeQdrantOptions options)
    {
        _app = app;
        _options = options;
        _router = new FakeQdrantRouter(_collections);
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every request received, in order of arrival (one still being handled shows status 0).</summary>
    public IReadOnlyList<FakeQdrantRequest> Requests
    {
        get
        {
            lock (_log)
            {
                return _requests.Select(entry => entry.ToRequest()).ToList();
            }
        }
    }

    /// <summary>Every violation the validator reported, as <c>"METHOD path: message"</c>.</summary>
    public IReadOnlyList<string> SchemaViolations
    {
        get
        {
            lock (_log)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>How long each request waits before it is handled (for timeout tests).</summary>
    public TimeSpan Delay
    {
        get => new(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    public static async Task<FakeQdrant> StartAsync(FakeQdrantOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeQdrant(app, options ?? new FakeQdrantOptions());
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Url = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>
    /// The next <paramref name="count"/> requests (health probes excepted) are answered with <paramref name="statusCode"/>
    /// and Qdrant's error body (<paramref name="error"/> as <c>status.error</c>, else a Qdrant-worded default), without
    /// being processed; <paramref name="retryAfter"/> adds a <c>Retry-After</c> header.
    /// </summary>
    public void FailNext(int count, int statusCode, string? error = null, TimeSpan? retryAfter = null) =>
        _faults.Fail(count, new FakeScriptedFailure(statusCode, error, retryAfter));

    /// <summary>The next <paramref name="count"/> requests (health probes excepted) have their connection aborted, unanswered.</summary>
    public void DropNext(int count) => _faults.Drop(count);

    /// <summary>The number of points in a collection.</summary>
    public int PointCount(string collection)
    {
        var stored = Collection(collection);
        lock (stored.Sync)
        {
            return stored.Count;
        }
    }

    /// <summary>A point's payload (a copy), or null when there is no such point.</summary>
    public JsonObject? Payload(string collection, string pointId)
    {
        var stored = Collection(collection);
        lock (stored.Sync)
        {
            return Point(stored, pointId) is { } point ? (JsonObject)point.Payload.DeepClone() : null;
        }
    }

    /// <summary>
    /// A point's named vectors as stored: dense as float arrays (normalised for Cosine), multivectors as arrays of arrays,
    /// sparse as <c>{indices, values}</c> sorted by index. Empty when there is no such point.
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode> Vectors(string collection, string pointId)
    {
        var stored = Collection(collection);
        lock (stored.Sync)
        {
            return Point(stored, pointId)?.Vectors.ToDictionary(entry => entry.Key, entry => entry.Value.ToJson(), StringComparer.Ordinal)
                ?? new Dictionary<string, JsonNode>();
        }
    }

    private FakeCollection Collection(string name) =>
        _collections.Find(name) ?? throw new InvalidOperationException($"The fake Qdrant has no collection `{name}`.");

    private static FakePoint? Point(FakeCollection collection, string pointId) =>
        FakePointId.TryParse(pointId, out var id) ? collection.Find(id) : throw new ArgumentException($"`{pointId}` is not a point id.", nameof(pointId));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var request = context.Request;
        var method = request.Method;
        // actix's NormalizePath::trim: trailing slashes do not matter.
        var path = request.Path.Value is { Length: > 1 } raw ? raw.TrimEnd('/') : "/";
        var query = request.QueryString.Value ?? "";
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.Length == 0 ? null : buffer.ToArray();
        var isProbe = path is "/healthz" or "/livez" or "/readyz";
        var logged = new LoggedRequest(method, path, query, body);
        lock (_log)
        {
            _requests.Add(logged);
        }

        var delay = Delay;
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        if (!isProbe && _faults.TakeDrop())
        {
            context.Abort();
            return;
        }
        if (!isProbe && _faults.TakeFailure() is { } failure)
        {
            if (failure.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }
            logged.Status = failure.StatusCode;
            await WriteErrorAsync(context, failure.StatusCode, failure.Message, started);
            return;
        }
        await AnswerAsync(context, logged, method, path, body, started);
    }

    /// <summary>Answers the request, logging its status before the answer leaves so a client never sees it unlogged.</summary>
    private async Task AnswerAsync(HttpContext context, LoggedRequest logged, string method, string path, byte[]? body, long started)
    {
        if (_options.ApiKey is { } apiKey && !FakeQdrantAuth.IsWhitelisted(path) && FakeQdrantAuth.Reject(context.Request, apiKey) is { } rejection)
        {
            logged.Status = 401;
            context.Response.StatusCode = 401;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(rejection);
            return;
        }
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        try
        {
            var json = ParseBody(context.Request, method, segments, body);
            if (_options.Validator is { } validator)
            {
                var violations = validator.Validate(method, path, json);
                if (violations.Count > 0)
                {
                    lock (_log)
                    {
                        _violations.AddRange(violations.Select(violation => $"{method} {path}: {violation}"));
                    }
                    throw FakeQdrantErrors.FormatError(string.Join("; ", violations));
                }
            }
            var reply = _router.Route(new FakeApiRequest(method, segments, json, context.Request.Query));
            if (reply is null)
            {
                logged.Status = 404;
                context.Response.StatusCode = 404;
                return;
            }
            logged.Status = 200;
            await WriteReplyAsync(context, reply, started);
        }
        catch (FakeQdrantException error)
        {
            logged.Status = error.StatusCode;
            await WriteErrorAsync(context, error.StatusCode, error.Message, started);
        }
        catch (Exception bug) when (bug is not OperationCanceledException)
        {
            // A defect of the fake, not a Qdrant behaviour: answered as Qdrant answers its own internal errors, with the details.
            logged.Status = 500;
            await WriteErrorAsync(context, 500, $"Service internal error: fake Qdrant failure: {bug}", started);
        }
    }

    /// <summary>
    /// actix's JSON extractor: a body-reading route needs <c>Content-Type: application/json</c> ("Content type error"), and
    /// a body that is not JSON is a "Format error in JSON body".
    /// </summary>
    private static JsonNode? ParseBody(HttpRequest request, string method, IReadOnlyList<string> segments, byte[]? body)
    {
        if (FakeQdrantRouter.TakesJsonBody(method, segments)
            && !(request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            throw new FakeQdrantException(400, "Content type error");
        }
        if (body is null)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException error)
        {
            throw FakeQdrantErrors.FormatError(error.Message);
        }
    }

    private static async Task WriteReplyAsync(HttpContext context, FakeApiReply reply, long started)
    {
        context.Response.StatusCode = 200;
        if (reply.Text is { } text)
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(text);
            return;
        }
        var json = reply.RawJson ?? new JsonObject
        {
            ["result"] = reply.Result,
            ["status"] = "ok",
            ["time"] = Stopwatch.GetElapsedTime(started).TotalSeconds,
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json.ToJsonString());
    }

    private static async Task WriteErrorAsync(HttpContext context, int statusCode, string message, long started)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(FakeQdrantErrors.Body(message, Stopwatch.GetElapsedTime(started).TotalSeconds).ToJsonString());
    }

    /// <summary>A request as logged; the body kept as UTF-8 because an ingest's bodies are large and the log holds them all.</summary>
    private sealed class LoggedRequest(string method, string path, string query, byte[]? body)
    {
        private int _status;

        /// <summary>The status answered; 0 while in flight or when the connection was dropped.</summary>
        public int Status
        {
            get => Volatile.Read(ref _status);
            set => Volatile.Write(ref _status, value);
        }

        public FakeQdrantRequest ToRequest() =>
            new(method, path, query, body is null ? null : Encoding.UTF8.GetString(body), Status);
    }
}
