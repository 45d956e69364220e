namespace NewsBot.Discord.Rest;

/// <summary>
/// One Discord rate-limit bucket for one major resource (a channel, a guild, a webhook), or, until Discord names the
/// bucket of a route, that route's stand-in. Its requests go one at a time through <see cref="Turn"/>: each answer's
/// headers then describe the bucket exactly as the next request finds it (answers to requests sent side by side can
/// arrive out of order and undercount), and a channel receives the bot's messages in the order they were sent.
/// </summary>
internal sealed class RateLimitBucket(string? hash)
{
    private readonly object _lock = new();
    private int? _limit;
    private int? _remaining;
    private TimeSpan _resetAt;

    public FifoGate Turn { get; } = new();

    /// <summary>Discord's id for the bucket (<c>X-RateLimit-Bucket</c>); null while it is a route's stand-in.</summary>
    public string? Hash { get; set; } = hash;

    /// <summary>Set when the stand-in turned out to be a bucket already known through another route: its waiters move there.</summary>
    public RateLimitBucket? MergedInto { get; set; }

    /// <summary>Requests holding or waiting for this bucket; one that nobody uses can be forgotten.</summary>
    public int Users { get; set; }

    public bool HasReset(TimeSpan now)
    {
        lock (_lock) return now >= _resetAt;
    }

    /// <summary>
    /// Waits while the bucket has no request left (until it resets), then takes one. Called by the holder of
    /// <see cref="Turn"/>; an unknown bucket lets its one request through to learn the limits.
    /// </summary>
    public async Task TakeAsync(MonotonicClock clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan until;
            lock (_lock)
            {
                var now = clock.Now;
                if (_remaining is 0 && now < _resetAt) until = _resetAt;
                else
                {
                    if (now >= _resetAt) _remaining = _limit; // a new window: all of it again (null while unknown)
                    if (_remaining > 0) _remaining--; // until the answer says exactly, count it ourselves
                    return;
                }
            }
            await clock.WaitUntilAsync(until, cancellationToken);
        }
    }

    /// <summary>Takes what an answer's headers say (those it has; an error from a proxy may have none).</summary>
    public void Update(RateLimitHeaders headers, TimeSpan now)
    {
        lock (_lock)
        {
            if (headers.Limit is { } limit) _limit = limit;
            if (headers.Remaining is { } remaining) _remaining = remaining;
            if (headers.ResetAfter is { } resetAfter) _resetAt = now + resetAfter;
        }
    }

    /// <summary>A 429: nothing more goes to this bucket until <paramref name="until"/>.</summary>
    public void BlockUntil(TimeSpan until)
    {
        lock (_lock)
        {
            _remaining = 0;
            if (until > _resetAt) _resetAt = until;
        }
    }
}
