using System.Diagnostics;
using System.Text.RegularExpressions;
using NewsBot.Testing;

namespace NewsBot.Teams.Tests.Playground;

/// <summary>
/// Microsoft 365 Agents Playground (npm <c>@microsoft/m365agentsplayground</c>), Microsoft's local emulator of Teams
/// and the Bot Connector, as a child process on a loopback port, channel <c>msteams</c>, pointed at a bot's
/// messaging endpoint. It opens a browser when it starts: a no-op <c>xdg-open</c> first on PATH keeps it headless.
/// </summary>
public sealed partial class AgentsPlayground : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDir _bin;
    private readonly List<string> _output = [];

    private AgentsPlayground(Process process, TempDir bin)
    {
        _process = process;
        _bin = bin;
    }

    public Uri Address { get; private set; } = null!;
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    public static string CliPath => Path.Combine(SharedData.RepoRoot, "tests", "NewsBot.Teams.Tests", "playground", "node_modules", "@microsoft", "m365agentsplayground", "cli.js");

    public static async Task<AgentsPlayground> StartAsync(Uri botEndpoint)
    {
        if (!File.Exists(CliPath))
            throw new InvalidOperationException($"The Agents Playground is not installed ({CliPath}). Run ./newsbot test, which installs it with npm ci.");
        var bin = new TempDir();
        var xdgOpen = bin.File("xdg-open");
        await File.WriteAllTextAsync(xdgOpen, "#!/bin/sh\nexit 0\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(xdgOpen, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = bin.Path };
        foreach (var arg in new[] { CliPath, "--app-endpoint", botEndpoint.ToString(), "--channel-id", "msteams", "--port", FreePort().ToString(), "--disable-telemetry" })
            info.ArgumentList.Add(arg);
        info.Environment["PATH"] = bin.Path + ":" + Environment.GetEnvironmentVariable("PATH");
        info.Environment["BROWSER"] = xdgOpen;

        var playground = new AgentsPlayground(Process.Start(info)!, bin);
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(string? line)
        {
            if (line is null) return;
            lock (playground._output) playground._output.Add(line);
            if (ListeningLine().Match(line) is { Success: true } m) listening.TrySetResult(int.Parse(m.Groups[1].Value));
        }
        playground._process.OutputDataReceived += (_, e) => Collect(e.Data);
        playground._process.ErrorDataReceived += (_, e) => Collect(e.Data);
        playground._process.BeginOutputReadLine();
        playground._process.BeginErrorReadLine();
        try
        {
            var port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            playground.Address = new Uri($"http://127.0.0.1:{port}/");
            using var http = new HttpClient();
            Assert.Equal("pong", await http.GetStringAsync(new Uri(playground.Address, "_debug/ping")));
        }
        catch (Exception e)
        {
            await playground.DisposeAsync();
            throw new InvalidOperationException("The Agents Playground failed to start:\n" + playground.Output, e);
        }
        return playground;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _bin.Dispose();
    }

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex ListeningLine();
}
