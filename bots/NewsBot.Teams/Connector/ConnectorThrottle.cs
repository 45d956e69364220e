using System.Threading.RateLimiting;

namespace NewsBot.Teams.Connector;

/// <summary>
/// Keeps the bot's requests to the Bot Connector within Teams' documented limits, so it queues instead of being
/// throttled: about <see cref="TeamsOptions.MaxRequestsPerSecond"/> (50) a second per app per tenant, and per
/// conversation thread 7 a second and 60 in 30 seconds, each counted over a sliding window in tenths of it.
/// Requests wait their turn, oldest first; none is dropped.
/// </summary>
public sealed class ConnectorThrottle : IAsyncDisposable
{
    public const int PerThreadPerSecond = 7;
    public const int PerThreadPer30Seconds = 60;

    private readonly PartitionedRateLimiter<(string Tenant, string Conversation)> _limiter;

    public ConnectorThrottle(TeamsOptions options)
    {
        // Sliding windows, not token buckets: a bucket allows twice its rate across a refill, a window never does.
        var perTenant = PartitionedRateLimiter.Create<(string Tenant, string Conversation), string>(key =>
            RateLimitPartition.GetSlidingWindowLimiter(key.Tenant, _ => Window(options.MaxRequestsPerSecond, TimeSpan.FromSeconds(1), 10)));
        var perSecond = PartitionedRateLimiter.Create<(string Tenant, string Conversation), string>(key =>
            RateLimitPartition.GetSlidingWindowLimiter(key.Conversation, _ => Window(PerThreadPerSecond, TimeSpan.FromSeconds(1), 10)));
        var perHalfMinute = PartitionedRateLimiter.Create<(string Tenant, string Conversation), string>(key =>
            RateLimitPartition.GetSlidingWindowLimiter(key.Conversation, _ => Window(PerThreadPer30Seconds, TimeSpan.FromSeconds(30), 30)));
        _limiter = PartitionedRateLimiter.CreateChained(perTenant, perSecond, perHalfMinute);
    }

    /// <summary>Waits until one more request to <paramref name="conversationId"/> in <paramref name="tenantId"/> is allowed.</summary>
    public async ValueTask WaitAsync(string? tenantId, string conversationId, CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync((tenantId ?? "", conversationId), 1, cancellationToken);
        lease.Dispose(); // rate limiters hand permits out on time, not on return
        if (!lease.IsAcquired) throw new InvalidOperationException("The Bot Connector rate limiter refused a request it should have queued.");
    }

    public ValueTask DisposeAsync()
    {
        _limiter.Dispose();
        return ValueTask.CompletedTask;
    }

    private static SlidingWindowRateLimiterOptions Window(int permits, TimeSpan window, int segments) => new()
    {
        PermitLimit = permits,
        Window = window,
        SegmentsPerWindow = segments,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    };
}
