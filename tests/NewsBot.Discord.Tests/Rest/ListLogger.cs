using Microsoft.Extensions.Logging;

namespace NewsBot.Discord.Tests.Rest;

/// <summary>Keeps every log line, so tests can check what was (and was not) logged, and wait for a line to appear.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get { lock (_entries) return [.. _entries]; }
    }

    public async Task WaitForAsync(Func<string, bool> line, int timeoutSeconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!Entries.Any(e => line(e.Message)))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Not logged. Log:\n" + string.Join("\n", Entries.Select(e => e.Message)));
            await Task.Delay(5);
        }
    }

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries) _entries.Add((logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
}
