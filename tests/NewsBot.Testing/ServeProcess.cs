using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NewsBot.Testing;

/// <summary>
/// The real <c>newsbot serve</c> (the built newsbot.dll) as a child process on a loopback port the system picks,
/// over the fixture's index; ready once <c>/healthz</c> says 200.
/// </summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ServeProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    /// <summary>Runs <c>newsbot COMMAND --db DATABASE --urls http://127.0.0.1:0 [PATH...]</c>: <c>serve</c>, or <c>start</c> (ingest, then serve).</summary>
    public static async Task<ServeProcess> StartAsync(string database, IReadOnlyDictionary<string, string>? environment = null, string command = "serve",
        params string[] paths)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "newsbot.dll"), command, "--db", database, "--urls", "http://127.0.0.1:0" }.Concat(paths))
            info.ArgumentList.Add(arg);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("NEWSBOT__", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        info.Environment["NEWSBOT__EMBEDDINGS__MODEL"] = "none";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;

        var serve = new ServeProcess(Process.Start(info)!);
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(string? line)
        {
            if (line is null) return;
            lock (serve._output) serve._output.Add(line);
            if (ServingLine().Match(line) is { Success: true } m) address.TrySetResult(new Uri(m.Groups["url"].Value));
        }
        serve._process.OutputDataReceived += (_, e) => Collect(e.Data);
        serve._process.ErrorDataReceived += (_, e) => Collect(e.Data);
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        try
        {
            serve.BaseAddress = await address.Task.WaitAsync(TimeSpan.FromSeconds(120));
            using var http = new HttpClient { BaseAddress = serve.BaseAddress };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!(await http.GetAsync("/healthz")).IsSuccessStatusCode)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("newsbot serve did not become ready.");
                await Task.Delay(100);
            }
        }
        catch (Exception e)
        {
            await serve.DisposeAsync();
            throw new InvalidOperationException("newsbot serve failed to start:\n" + serve.Output, e);
        }
        return serve;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"NewsBot is serving on (?<url>http://[^\s,:]+:\d+)")]
    private static partial Regex ServingLine();
}
