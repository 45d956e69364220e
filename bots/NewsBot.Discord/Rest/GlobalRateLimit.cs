namespace NewsBot.Discord.Rest;

/// <summary>
/// Discord's global limit: at most 50 requests a second from the bot across all routes, and a pause for everyone when
/// Discord answers a 429 with <c>global: true</c>. The last requests' send times are kept (an exact sliding window,
/// which never lets 50 + 50 through across a window edge as fixed or segmented windows do); waiters go in order.
/// </summary>
internal sealed class GlobalRateLimit(MonotonicClock clock, int perSecond = GlobalRateLimit.DiscordPerSecond)
{
    public const int DiscordPerSecond = 50;

    /// <summary>
    /// Discord counts requests when they arrive; two that left a second apart can arrive closer together, so each
    /// send is remembered a little longer than the second.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(100);

    private readonly FifoGate _turn = new();
    private readonly Queue<TimeSpan> _sent = new();
    private TimeSpan _pausedUntil;

    /// <summary>Waits until one more request may be sent now, and counts it.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        using var turn = await _turn.EnterAsync(cancellationToken);
        while (true)
        {
            TimeSpan until;
            lock (_sent)
            {
                var now = clock.Now;
                while (_sent.Count > 0 && _sent.Peek() + Window <= now) _sent.Dequeue();
                if (_pausedUntil > now) until = _pausedUntil;
                else if (_sent.Count < perSecond)
                {
                    _sent.Enqueue(now);
                    return;
                }
                else until = _sent.Peek() + Window;
            }
            await clock.WaitUntilAsync(until, cancellationToken);
        }
    }

    /// <summary>Discord said the bot hit the global limit: nothing else is sent for <paramref name="retryAfter"/>.</summary>
    public void PauseFor(TimeSpan retryAfter)
    {
        lock (_sent)
        {
            var until = clock.Now + retryAfter;
            if (until > _pausedUntil) _pausedUntil = until;
        }
    }
}
