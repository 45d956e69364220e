namespace NewsBot.Cli.Benchmarks;

/// <summary>
/// One progress line on stderr: rewritten in place on a terminal; when stderr is captured, written at most once per
/// <c>quietInterval</c>, so that logs are not flooded.
/// </summary>
public sealed class ProgressLine(TextWriter writer, bool interactive, TimeSpan quietInterval)
{
    private int _width;
    private long _lastWritten;

    public static ProgressLine ForStandardError(TimeSpan quietInterval) => new(Console.Error, !Console.IsErrorRedirected, quietInterval);

    public void Update(string text)
    {
        if (interactive)
        {
            writer.Write("\r" + text.PadRight(_width));
            _width = Math.Max(_width, text.Length);
            return;
        }
        var now = Environment.TickCount64;
        if (_lastWritten != 0 && now - _lastWritten < quietInterval.TotalMilliseconds) return;
        _lastWritten = now;
        writer.WriteLine(text);
    }

    /// <summary>Ends the line on a terminal, so that what follows starts on its own line.</summary>
    public void Done()
    {
        if (interactive && _width > 0) writer.WriteLine();
        _width = 0;
    }
}
