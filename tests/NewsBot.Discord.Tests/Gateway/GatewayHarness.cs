using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using NewsBot.Discord.Gateway;
using NewsBot.Discord.Tests.Fakes;

namespace NewsBot.Discord.Tests.Gateway;

/// <summary>
/// A <see cref="GatewayClient"/> running against a <see cref="FakeDiscordGateway"/>, with fast timings, its
/// dispatches and logs recorded. Disposing stops the client and checks that the token never reached a log line.
/// </summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<GatewayDispatch> _dispatches = [];
    private int _endpointCalls;

    private GatewayHarness(FakeDiscordGateway fake, DiscordOptions options, ListLogger<GatewayClient> log)
    {
        Fake = fake;
        Options = options;
        Log = log;
    }

    public FakeDiscordGateway Fake { get; }
    public DiscordOptions Options { get; }
    public ListLogger<GatewayClient> Log { get; }
    public GatewayClient Client { get; private set; } = null!;
    public Task Run { get; private set; } = null!;
    public int EndpointCalls => Volatile.Read(ref _endpointCalls);
    public IReadOnlyList<GatewayDispatch> Dispatches { get { lock (_dispatches) return [.. _dispatches]; } }

    /// <summary>Fast timings: 50–100 ms INVALID_SESSION waits, 50 ms…200 ms backoff, 50 ms between IDENTIFYs.</summary>
    public static GatewayTimings FastTimings => new()
    {
        InvalidSessionMinWait = TimeSpan.FromMilliseconds(50),
        InvalidSessionMaxWait = TimeSpan.FromMilliseconds(100),
        ReconnectInitialBackoff = TimeSpan.FromMilliseconds(50),
        ReconnectMaxBackoff = TimeSpan.FromMilliseconds(200),
        IdentifyInterval = TimeSpan.FromMilliseconds(50),
        HelloTimeout = TimeSpan.FromSeconds(10),
    };

    /// <param name="endpoint">What GET /gateway/bot answers on its n-th call (from 1); default: the fake, 1000 starts left.</param>
    /// <param name="onDispatch">Runs for each dispatch after it was recorded.</param>
    public static async Task<GatewayHarness> StartAsync(ITestOutputHelper output, Action<FakeDiscordGateway>? setUpFake = null,
        GatewayTimings? timings = null, Func<int, FakeDiscordGateway, GatewayEndpoint>? endpoint = null,
        Action<DiscordOptions>? setUpOptions = null, Func<GatewayDispatch, Task>? onDispatch = null, TimeProvider? time = null)
    {
        var fake = await FakeDiscordGateway.StartAsync();
        setUpFake?.Invoke(fake);
        // A token of its own per test: the IDENTIFY rate limit is shared by the clients of a process with one token.
        var options = new DiscordOptions { Token = $"test-token.{Guid.NewGuid():N}", ApplicationId = "1234567890123456789" };
        setUpOptions?.Invoke(options);
        var harness = new GatewayHarness(fake, options, new ListLogger<GatewayClient>(output));
        harness.Client = new GatewayClient(options,
            _ =>
            {
                var call = Interlocked.Increment(ref harness._endpointCalls);
                return Task.FromResult(endpoint?.Invoke(call, fake) ?? fake.Endpoint());
            },
            async (dispatch, ct) =>
            {
                lock (harness._dispatches) harness._dispatches.Add(dispatch);
                if (onDispatch is not null) await onDispatch(dispatch);
            },
            time ?? TimeProvider.System, harness.Log, timings ?? FastTimings);
        harness.Run = Task.Run(() => harness.Client.RunAsync(harness._stop.Token));
        return harness;
    }

    /// <summary>Waits until the client has handled a READY (and, with <paramref name="count"/>, that many).</summary>
    public Task WaitForReadyAsync(int count = 1) => WaitForDispatchesAsync(d => d.Count(x => x.Type == "READY") >= count, $"{count} READY");

    public async Task WaitForDispatchesAsync(Func<IReadOnlyList<GatewayDispatch>, bool> condition, string what, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition(Dispatches))
        {
            if (Run.IsCompleted) await Run; // surfaces the client's exception
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The client did not handle {what} within {timeoutSeconds} s. Handled: "
                    + string.Join(", ", Dispatches.Select(d => $"{d.Type}#{d.Sequence}")) + "\nThe fake received:\n" + Fake.Describe());
            await Task.Delay(10);
        }
    }

    /// <summary>Stops the client (as NewsBot's shutdown does) and waits for RunAsync to return.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(15));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Run.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (GatewayFatalException)
        {
        }
        await Client.DisposeAsync();
        await Fake.DisposeAsync();
        _stop.Dispose();
        var leaked = Log.Entries.Where(e => e.Text.Contains(Options.Token!, StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, "The token was logged: " + string.Join("\n", leaked.Select(e => e.Text)));
    }
}

/// <summary>Records log entries (message and exception text) and echoes them to the test output.</summary>
internal sealed class ListLogger<T>(ITestOutputHelper output) : ILogger<T>
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var entry = new LogEntry(logLevel, formatter(state, exception), exception, DateTimeOffset.UtcNow);
        _entries.Enqueue(entry);
        try
        {
            output.WriteLine($"{entry.At:HH:mm:ss.fff} {logLevel}: {entry.Text}");
        }
        catch (InvalidOperationException)
        {
            // The test is over.
        }
    }
}

internal sealed record LogEntry(LogLevel Level, string Message, Exception? Exception, DateTimeOffset At)
{
    /// <summary>The message and the exception's full text.</summary>
    public string Text => Exception is null ? Message : Message + "\n" + Exception;
}

/// <summary>
/// Real time, with every timer's due time divided by <paramref name="factor"/>, recording the due times asked for: a
/// client told to wait 60 s waits 600 ms with a factor of 100, and the test can check it asked for 60 s.
/// </summary>
internal sealed class ScaledTimeProvider(double factor) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _requested = new();

    public IReadOnlyList<TimeSpan> RequestedDelays => [.. _requested];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _requested.Enqueue(dueTime);
        return System.CreateTimer(callback, state, Scale(dueTime), Scale(period));
    }

    private TimeSpan Scale(TimeSpan value) => value == Timeout.InfiniteTimeSpan ? value : value / factor;
}
