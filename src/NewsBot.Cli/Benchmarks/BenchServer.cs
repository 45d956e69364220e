using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace NewsBot.Cli.Benchmarks;

/// <summary>
/// <c>newsbot serve</c> as a child process of a benchmark: this very newsbot.dll on a port the system chooses, read
/// from the line the server prints once it listens. Disposing it kills the whole process tree.
/// </summary>
public sealed partial class BenchServer : IDisposable
{
    private const int TailLines = 60;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<BenchServer, bool> Running = new();
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private BenchServer(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public bool HasExited
    {
        get
        {
            try { return _process.HasExited; }
            catch (InvalidOperationException) { return true; }
        }
    }

    /// <summary>The last lines the server wrote (stdout and stderr), for when it fails.</summary>
    public IReadOnlyList<string> Tail
    {
        get { lock (_tail) return _tail.ToList(); }
    }

    /// <summary>Starts <c>serve --urls http://127.0.0.1:0 [--db FILE]</c> with <paramref name="environment"/> added to this process's.</summary>
    public static BenchServer Start(string? db, IReadOnlyDictionary<string, string> environment)
    {
        var (program, prefix) = ThisCli();
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
            WorkingDirectory = Environment.CurrentDirectory,
        };
        foreach (var argument in prefix) info.ArgumentList.Add(argument);
        foreach (var argument in new[] { "serve", "--urls", "http://127.0.0.1:0" }) info.ArgumentList.Add(argument);
        if (db is { Length: > 0 })
        {
            info.ArgumentList.Add("--db");
            info.ArgumentList.Add(Path.GetFullPath(db));
        }
        foreach (var (key, value) in environment) info.Environment[key] = value;

        var process = new Process { StartInfo = info };
        var server = new BenchServer(process);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Running[server] = true;
        AppDomain.CurrentDomain.ProcessExit += server.OnProcessExit;
        return server;
    }

    /// <summary>
    /// Waits for the "NewsBot is serving on …" line, then polls <c>/healthz</c> until it answers 200. Null when the
    /// server exits, or <paramref name="timeout"/> passes, first.
    /// </summary>
    public async Task<Uri?> WaitUntilReadyAsync(HttpClient http, TimeSpan timeout, ProgressLine progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var exited = _process.WaitForExitAsync(deadline.Token);
        try
        {
            while (!_address.Task.IsCompleted)
            {
                ct.ThrowIfCancellationRequested();
                if (exited.IsCompleted) return null;
                progress.Update($"bench: starting the server… {clock.Elapsed.TotalSeconds:0} s");
                await Task.WhenAny(_address.Task, exited, Task.Delay(1000, deadline.Token));
                deadline.Token.ThrowIfCancellationRequested();
            }
            var address = await _address.Task;
            return await WaitForHealthAsync(http, address, timeout - clock.Elapsed, progress, () => HasExited, ct) ? address : null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null; // timed out
        }
        finally
        {
            progress.Done();
        }
    }

    /// <summary>Polls <paramref name="address"/>/healthz every 250 ms until 200; false when <paramref name="gone"/> or the time is up.</summary>
    public static async Task<bool> WaitForHealthAsync(HttpClient http, Uri address, TimeSpan timeout, ProgressLine progress, Func<bool> gone, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var health = new Uri(address, "/healthz");
        var last = "no answer yet";
        while (clock.Elapsed < timeout)
        {
            ct.ThrowIfCancellationRequested();
            if (gone()) return false;
            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, probe.Token);
                using var response = await http.GetAsync(health, linked.Token);
                if (response.StatusCode == HttpStatusCode.OK) return true;
                last = $"/healthz says {(int)response.StatusCode}";
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                last = "/healthz did not answer within 5 s";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            progress.Update($"bench: waiting for {address} to load the index ({last})… {clock.Elapsed.TotalSeconds:0} s");
            await Task.Delay(250, ct);
        }
        return false;
    }

    /// <summary>Kills every server this process has started and not yet disposed: for a second Ctrl+C.</summary>
    public static void KillAll()
    {
        foreach (var server in Running.Keys) server.Kill();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Kill();
        Running.TryRemove(this, out _);
        _process.Dispose();
    }

    private void OnProcessExit(object? sender, EventArgs e) => Kill();

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // It has gone already.
        }
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > TailLines) _tail.Dequeue();
        }
        if (!_address.Task.IsCompleted && ServingLine().Match(line) is { Success: true } match
            && int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            _address.TrySetResult(new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>How to run this CLI again: <c>dotnet newsbot.dll</c>, or the program itself when it is an app host.</summary>
    private static (string Program, string[] Prefix) ThisCli()
    {
        var dll = typeof(BenchServer).Assembly.Location;
        var current = Environment.ProcessPath;
        if (string.IsNullOrEmpty(dll)) return (current ?? "newsbot", []); // a single-file app: it is its own host
        var isDotnetHost = current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return (isDotnetHost ? current! : "dotnet", [dll]);
    }

    // "NewsBot is serving on http://127.0.0.1:40123: demo page /, …"
    [GeneratedRegex(@"NewsBot is serving on .*?http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ServingLine();
}
