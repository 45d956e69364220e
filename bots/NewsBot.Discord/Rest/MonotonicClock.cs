namespace NewsBot.Discord.Rest;

/// <summary>
/// The rate limiter's time: elapsed time from a <see cref="TimeProvider"/>'s monotonic timestamps, so a wall-clock
/// change cannot shorten (or stretch) a wait that Discord asked for.
/// </summary>
internal sealed class MonotonicClock(TimeProvider time)
{
    private readonly long _start = time.GetTimestamp();

    public TimeSpan Now => time.GetElapsedTime(_start);

    /// <summary>Waits until <see cref="Now"/> reaches <paramref name="when"/>; checks again after each timer, which may fire a little early.</summary>
    public async Task WaitUntilAsync(TimeSpan when, CancellationToken cancellationToken)
    {
        while (when - Now is var left && left > TimeSpan.Zero)
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)), time, cancellationToken);
    }

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => WaitUntilAsync(Now + delay, cancellationToken);
}
