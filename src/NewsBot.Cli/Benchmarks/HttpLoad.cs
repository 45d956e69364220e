using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace NewsBot.Cli.Benchmarks;

/// <summary>Where a load run is, once a second: warming up or measuring, for how long, requests measured, and the last second's rate.</summary>
public sealed record HttpLoadProgress(bool WarmingUp, TimeSpan Elapsed, long Requests, double RequestsPerSecond);

/// <summary>What a load run measured: requests completed within the measured window, their errors, and successful latencies.</summary>
public sealed record HttpLoadResult(TimeSpan Duration, long Requests, long Errors, IReadOnlyDictionary<string, long> ErrorsByStatus, double[] SortedLatencies)
{
    public long Succeeded => Requests - Errors;
}

/// <summary>
/// A closed-loop load on NewsBot's ask endpoint: <c>clients</c> loops on one shared <see cref="HttpClient"/>, each
/// sending the next question as soon as its previous answer has been read in full. A request counts when it completes
/// within the measured window (after the warm-up); a non-2xx status, an exception, or for <c>/api/ask/stream</c> a
/// body without its <c>done</c> event, is an error.
/// </summary>
public static class HttpLoad
{
    public static HttpClient CreateClient(int clients) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Math.Max(1, clients) + 1, // one more for /healthz
        PooledConnectionLifetime = TimeSpan.FromHours(1),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public static async Task<HttpLoadResult> RunAsync(HttpClient http, Uri endpoint, IReadOnlyList<string> questions, int clients,
        TimeSpan warmup, TimeSpan duration, Action<HttpLoadProgress> progress, CancellationToken ct)
    {
        var stream = endpoint.AbsolutePath.EndsWith("/stream", StringComparison.Ordinal);
        var bodies = questions.Select(q => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["question"] = q })).ToArray();
        var loadStart = Stopwatch.GetTimestamp();
        var measureStart = loadStart + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureEnd = measureStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var logs = Enumerable.Range(0, clients).Select(_ => new ClientLog()).ToArray();
        long completed = 0, measured = 0;

        async Task ClientAsync(int index)
        {
            var log = logs[index];
            var next = (int)((long)index * bodies.Length / clients); // each loop starts at its own place in the questions
            while (!ct.IsCancellationRequested && Stopwatch.GetTimestamp() < measureEnd)
            {
                var body = bodies[next];
                next = (next + 1) % bodies.Length;
                var started = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    error = await SendAsync(http, endpoint, body, stream, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (TaskCanceledException)
                {
                    error = "timeout";
                }
                catch (HttpRequestException e)
                {
                    error = $"{e.HttpRequestError}";
                }
                catch (Exception e)
                {
                    error = e.GetType().Name;
                }
                var ended = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref completed);
                if (ended < measureStart || ended >= measureEnd) continue;
                Interlocked.Increment(ref measured);
                log.Requests++;
                if (error is null) log.Latencies.Add(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
                else log.Errors[error] = log.Errors.GetValueOrDefault(error) + 1;
            }
        }

        var loops = Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(() => ClientAsync(i), CancellationToken.None)));
        using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(1)))
        {
            var lastCompleted = 0L;
            var lastTick = loadStart;
            while (!loops.IsCompleted)
            {
                var tick = timer.WaitForNextTickAsync(CancellationToken.None).AsTask();
                if (await Task.WhenAny(tick, loops) == loops) break;
                var now = Stopwatch.GetTimestamp();
                var done = Interlocked.Read(ref completed);
                var rate = (done - lastCompleted) / Stopwatch.GetElapsedTime(lastTick, now).TotalSeconds;
                (lastCompleted, lastTick) = (done, now);
                var warmingUp = now < measureStart;
                progress(new HttpLoadProgress(warmingUp, Stopwatch.GetElapsedTime(warmingUp ? loadStart : measureStart, Math.Min(now, measureEnd)),
                    Interlocked.Read(ref measured), rate));
            }
        }
        await loops;
        ct.ThrowIfCancellationRequested();

        var errors = new Dictionary<string, long>();
        foreach (var (status, count) in logs.SelectMany(l => l.Errors)) errors[status] = errors.GetValueOrDefault(status) + count;
        var latencies = logs.SelectMany(l => l.Latencies).Order().ToArray();
        return new HttpLoadResult(Stopwatch.GetElapsedTime(measureStart, measureEnd), logs.Sum(l => l.Requests), errors.Values.Sum(),
            errors.OrderByDescending(e => e.Value).ToDictionary(), latencies);
    }

    /// <summary>One question, its answer read to the end; null when it succeeded, else what went wrong (the status code).</summary>
    private static async Task<string?> SendAsync(HttpClient http, Uri endpoint, byte[] body, bool stream, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (stream) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        string? events = null;
        if (stream && response.IsSuccessStatusCode) events = await response.Content.ReadAsStringAsync(ct);
        else await response.Content.CopyToAsync(Stream.Null, ct);
        if (!response.IsSuccessStatusCode) return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (events is null || events.Contains("event: done", StringComparison.Ordinal)) return null;
        return events.Contains("event: error", StringComparison.Ordinal) ? "200, error event" : "200, no done event";
    }

    private sealed class ClientLog
    {
        public readonly List<double> Latencies = new(4096);
        public readonly Dictionary<string, long> Errors = [];
        public long Requests;
    }
}
