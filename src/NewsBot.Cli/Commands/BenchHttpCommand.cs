using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using NewsBot.Cli.Benchmarks;
using NewsBot.Cli.Hosting;
using NewsBot.Cli.Rendering;
using NewsBot.Evaluation;
using Spectre.Console;

namespace NewsBot.Cli.Commands;

/// <summary>
/// <c>newsbot bench http [--db FILE | --url URL [--server-pid PID]] [--clients N] [--seconds S] [--warmup S]
/// [--questions FILE] [--path /api/ask|/api/ask/stream] [--json]</c>: the HTTP server under load. Starts
/// <c>newsbot serve</c> as a child process (rate limits raised: all load comes from one address), or uses a running
/// one; N concurrent clients ask the questions in a closed loop, a warm-up first; then throughput, latency percentiles,
/// errors by status and the server's peak memory, beside the targets. A benchmark: it prints, it asserts nothing.
/// </summary>
public static class BenchHttpCommand
{
    public const double TargetRequestsPerSecond = 150;
    public const double TargetP99Milliseconds = 300;
    public const double TargetRssMegabytes = 400;

    private const string AskPath = "/api/ask";
    private const string StreamPath = "/api/ask/stream";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The server's rate limit, raised as far as Web:PermitsPerMinute allows: the benchmark is one address.</summary>
    private static readonly Dictionary<string, string> ServerEnvironment = new()
    {
        ["NEWSBOT__WEB__PERMITSPERMINUTE"] = "1000000",
        ["NEWSBOT__WEB__BURST"] = "100000",
    };

    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = "Benchmark a server already running there (e.g. http://127.0.0.1:5080) instead of starting one" };
        var serverPid = new Option<int?>("--server-pid") { Description = "With --url: the server's process id, to report its memory" };
        var clients = new Option<int>("--clients") { Description = "Concurrent clients, each asking its next question once answered", DefaultValueFactory = _ => 20 };
        var seconds = new Option<double>("--seconds") { Description = "Measured seconds", DefaultValueFactory = _ => 30 };
        var warmup = new Option<double>("--warmup") { Description = "Seconds of the same load before measuring (not recorded)", DefaultValueFactory = _ => 5 };
        var questions = new Option<FileInfo?>("--questions") { Description = "Questions to ask, JSONL (default: <shared>/eval/questions.dev.jsonl)" };
        var path = new Option<string>("--path") { Description = $"{AskPath} (JSON) or {StreamPath} (Server-Sent Events, read to the end)", DefaultValueFactory = _ => AskPath };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var command = new Command("http", "Load the HTTP server (newsbot serve) with concurrent clients: requests/s, latency percentiles, errors, server memory")
        {
            url, serverPid, clients, seconds, warmup, questions, path, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new Settings(
                parse.GetValue(CommandContext.Db), parse.GetValue(url), parse.GetValue(serverPid), parse.GetValue(clients),
                parse.GetValue(seconds), parse.GetValue(warmup),
                parse.GetValue(questions)?.FullName ?? SharedFolder.Path("eval", "questions.dev.jsonl"),
                parse.GetValue(path) ?? AskPath, parse.GetValue(json));
            if (settings.Problem() is { } problem)
            {
                Console.Error.WriteLine("newsbot: " + problem);
                return CommandContext.UsageError;
            }
            // System.CommandLine 2.0.0 leaves Ctrl+C and SIGTERM unhandled (its termination timeout is null): the process
            // would end at once and leave the server running. Here they cancel the run, whose cleanup stops the server;
            // a second signal stops the server at once and lets the process end.
            using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var signal = 0;
            void OnSignal(PosixSignalContext context)
            {
                if (Interlocked.CompareExchange(ref signal, (int)context.Signal, 0) == 0)
                {
                    context.Cancel = true;
                    interrupted.Cancel();
                }
                else BenchServer.KillAll();
            }
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            using var sighup = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
            try
            {
                return await RunAsync(settings, interrupted.Token);
            }
            catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
            {
                Console.Error.WriteLine("bench: interrupted; the server it started is stopped.");
                return Volatile.Read(ref signal) == (int)PosixSignal.SIGTERM ? 143 : 130;
            }
        });
        return command;
    }

    private sealed record Settings(string? Db, string? Url, int? ServerPid, int Clients, double Seconds, double Warmup, string Questions, string Path, bool Json)
    {
        public string? Problem()
        {
            if (Clients is < 1 or > 10_000) return $"--clients must be between 1 and 10000 (it is {Clients}).";
            if (!(Seconds > 0)) return $"--seconds must be more than 0 (it is {Seconds}).";
            if (!(Warmup >= 0)) return $"--warmup must be 0 or more (it is {Warmup}).";
            if (Path is not (AskPath or StreamPath)) return $"--path must be {AskPath} or {StreamPath} (it is {Path}).";
            if (Url is not null && (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
                return $"--url must be an http(s) address such as http://127.0.0.1:5080 (it is {Url}).";
            if (ServerPid is not null && Url is null) return "--server-pid goes with --url; without --url the benchmark starts the server and knows its id.";
            if (!File.Exists(Questions)) return $"no questions at {Questions}: pass --questions FILE or set NEWSBOT_SHARED.";
            return null;
        }
    }

    private static async Task<int> RunAsync(Settings settings, CancellationToken ct)
    {
        var log = Console.Error;
        var questions = EvalQuestion.Load(settings.Questions).Select(q => q.Question).ToList();
        if (questions.Count == 0)
        {
            log.WriteLine($"newsbot: {settings.Questions} holds no questions.");
            return CommandContext.UsageError;
        }
        using var http = HttpLoad.CreateClient(settings.Clients);
        BenchServer? server = null;
        try
        {
            Uri address;
            int? pid;
            if (settings.Url is null)
            {
                log.WriteLine($"bench: starting newsbot serve{(settings.Db is { } db ? " --db " + db : "")} on a free port…");
                server = BenchServer.Start(settings.Db, ServerEnvironment);
                if (await server.WaitUntilReadyAsync(http, StartTimeout, ProgressLine.ForStandardError(TimeSpan.FromSeconds(10)), ct) is not { } ready)
                {
                    log.WriteLine(server.HasExited
                        ? "bench: the server exited before it was ready. Its last output:"
                        : $"bench: the server was not ready within {StartTimeout.TotalSeconds:0} s. Its last output:");
                    foreach (var line in server.Tail) log.WriteLine("  " + line);
                    return CommandContext.UsageError;
                }
                (address, pid) = (ready, server.ProcessId);
            }
            else
            {
                address = new Uri(settings.Url);
                pid = settings.ServerPid;
                var progress = ProgressLine.ForStandardError(TimeSpan.FromSeconds(10));
                var healthy = await BenchServer.WaitForHealthAsync(http, address, StartTimeout, progress, () => false, ct);
                progress.Done();
                if (!healthy)
                {
                    log.WriteLine($"bench: {new Uri(address, "/healthz")} did not answer 200 within {StartTimeout.TotalSeconds:0} s.");
                    return CommandContext.UsageError;
                }
            }

            var endpoint = new Uri(address, settings.Path);
            log.WriteLine($"bench: {settings.Clients} clients on POST {endpoint}, {questions.Count} questions: " +
                $"{settings.Warmup:0.#} s warm-up, then {settings.Seconds:0.#} s measured…");
            var (result, peakRss, hwm, samples) = await LoadAsync(settings, http, endpoint, questions, pid, ct);
            var report = HttpBenchReport.From(settings.Clients, endpoint, settings.Warmup, result, pid, peakRss, hwm, samples);
            if (settings.Json) Console.Out.WriteLine(JsonSerializer.Serialize(report, AnswerRenderer.Json));
            else WriteTable(CommandContext.Console, report);
            return result.Succeeded == 0 ? CommandContext.SomeFailed : CommandContext.Ok;
        }
        finally
        {
            server?.Dispose();
        }
    }

    private static async Task<(HttpLoadResult Result, double? PeakRss, double? Hwm, int Samples)> LoadAsync(
        Settings settings, HttpClient http, Uri endpoint, IReadOnlyList<string> questions, int? pid, CancellationToken ct)
    {
        var progress = ProgressLine.ForStandardError(TimeSpan.FromSeconds(5));
        var sampler = pid is { } id && ProcessMemory.IsAvailable ? new ResidentMemorySampler(id, SampleInterval) : null;
        HttpLoadResult result;
        try
        {
            result = await HttpLoad.RunAsync(http, endpoint, questions, settings.Clients,
                TimeSpan.FromSeconds(settings.Warmup), TimeSpan.FromSeconds(settings.Seconds),
                p => progress.Update(p.WarmingUp
                    ? $"bench: warm-up {p.Elapsed.TotalSeconds:0}/{settings.Warmup:0.#} s, {p.RequestsPerSecond:0} req/s"
                    : $"bench: {p.Elapsed.TotalSeconds:0}/{settings.Seconds:0.#} s, {p.Requests:N0} requests, {p.RequestsPerSecond:0} req/s"),
                ct);
        }
        finally
        {
            progress.Done();
            if (sampler is not null) await sampler.DisposeAsync();
        }
        // Read before the server is stopped: the peak of its whole life, index load included.
        var hwm = pid is { } server ? ProcessMemory.PeakResidentMegabytes(server) : null;
        return (result, sampler?.PeakMegabytes, hwm, sampler?.Samples ?? 0);
    }

    private static void WriteTable(IAnsiConsole console, HttpBenchReport report)
    {
        static string Ms(double? value) => value is { } v ? $"{v:0.0} ms" : "n/a";
        static string Mb(double? value) => value is { } v ? $"{v:0.0} MB" : "n/a";
        static string Met(bool? met) => met switch { true => "[green]met[/]", false => "[red]not met[/]", null => "n/a" };
        var target = report.Targets.ToDictionary(t => t.Measure);

        var table = new Table().Border(TableBorder.Rounded).AddColumns("measure", "value", "target", "");
        table.AddRow("clients", report.Clients.ToString(CultureInfo.InvariantCulture), "", "");
        table.AddRow("duration", $"{report.Seconds:0.0} s measured, after {report.WarmupSeconds:0.#} s warm-up", "", "");
        table.AddRow("requests", report.Requests.ToString("N0", CultureInfo.InvariantCulture), "", "");
        var errors = report.ErrorsByStatus.Count == 0 ? "" : " (" + string.Join(", ", report.ErrorsByStatus.Select(e => $"{e.Key} × {e.Value:N0}")) + ")";
        table.AddRow("errors", Markup.Escape(report.Errors.ToString("N0", CultureInfo.InvariantCulture) + errors), "", "");
        AddTargetRow(table, "requests/s (successful)", $"{report.RequestsPerSecond:0.0}", target["requestsPerSecond"]);
        table.AddRow("latency p50", Ms(report.LatencyMs.P50), "", "");
        table.AddRow("latency p95", Ms(report.LatencyMs.P95), "", "");
        AddTargetRow(table, "latency p99", Ms(report.LatencyMs.P99), target["latencyP99Ms"]);
        table.AddRow("latency max", Ms(report.LatencyMs.Max), "", "");
        AddTargetRow(table, $"server peak RSS (sampled every {SampleInterval.TotalMilliseconds:0} ms)", Mb(report.ServerPeakRssMb), target["serverPeakRssMb"]);
        table.AddRow("server VmHWM (its whole life, index load included)", Mb(report.ServerHwmMb), "", "");
        console.WriteLine($"bench http: POST {report.Endpoint}; latencies are of successful requests (nearest rank)");
        console.Write(table);

        static void AddTargetRow(Table table, string measure, string value, HttpBenchTarget t) =>
            table.AddRow(Markup.Escape(measure), value, Markup.Escape(t.Target), Met(t.Met));
    }
}

/// <summary><c>bench http --json</c>: one run's figures; requestsPerSecond counts successful requests only.</summary>
public sealed record HttpBenchReport(
    string Endpoint,
    int Clients,
    double WarmupSeconds,
    double Seconds,
    long Requests,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorsByStatus,
    double RequestsPerSecond,
    HttpBenchLatency LatencyMs,
    int? ServerPid,
    double? ServerPeakRssMb,
    double? ServerHwmMb,
    int RssSamples,
    IReadOnlyList<HttpBenchTarget> Targets)
{
    public static HttpBenchReport From(int clients, Uri endpoint, double warmup, HttpLoadResult result, int? pid, double? peakRss, double? hwm, int samples)
    {
        var sorted = result.SortedLatencies;
        var seconds = result.Duration.TotalSeconds;
        var perSecond = seconds > 0 ? result.Succeeded / seconds : 0;
        var latency = new HttpBenchLatency(
            sorted.Length == 0 ? null : LatencyMetrics.Percentile(sorted, 0.50),
            sorted.Length == 0 ? null : LatencyMetrics.Percentile(sorted, 0.95),
            sorted.Length == 0 ? null : LatencyMetrics.Percentile(sorted, 0.99),
            sorted.Length == 0 ? null : Math.Round(sorted[^1], 2),
            sorted.Length == 0 ? null : Math.Round(sorted.Average(), 2));
        HttpBenchTarget[] targets =
        [
            new("requestsPerSecond", $"≥ {BenchHttpCommand.TargetRequestsPerSecond:0}", Math.Round(perSecond, 1), result.Succeeded > 0 ? perSecond >= BenchHttpCommand.TargetRequestsPerSecond : false),
            new("latencyP99Ms", $"≤ {BenchHttpCommand.TargetP99Milliseconds:0} ms", latency.P99, latency.P99 is { } p99 ? p99 <= BenchHttpCommand.TargetP99Milliseconds : null),
            new("serverPeakRssMb", $"≤ {BenchHttpCommand.TargetRssMegabytes:0} MB", Round(peakRss), peakRss is { } rss ? rss <= BenchHttpCommand.TargetRssMegabytes : null),
        ];
        return new HttpBenchReport(endpoint.ToString(), clients, warmup, Math.Round(seconds, 2), result.Requests, result.Errors, result.ErrorsByStatus,
            Math.Round(perSecond, 1), latency, pid, Round(peakRss), Round(hwm), samples, targets);
    }

    private static double? Round(double? megabytes) => megabytes is { } mb ? Math.Round(mb, 1) : null;
}

/// <summary>Nearest-rank latency percentiles of the successful requests, in milliseconds; null when none succeeded.</summary>
public sealed record HttpBenchLatency(double? P50, double? P95, double? P99, double? Max, double? Mean);

/// <summary>A target beside its measured value; <c>met</c> is null when the value could not be measured (no /proc, no successful request).</summary>
public sealed record HttpBenchTarget(string Measure, string Target, double? Value, bool? Met);
