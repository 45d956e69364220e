namespace NewsBot.Discord.Rest;

/// <summary>
/// Finds the <see cref="RateLimitBucket"/> of a request and learns buckets from Discord's answers, as its "Rate
/// Limits" page asks: the bucket of a route is what <c>X-RateLimit-Bucket</c> says, counted separately per major
/// resource (so channel 1 and channel 2 have a bucket each even though Discord gives both the same id); routes that
/// answer with the same id share one bucket. Until a route's bucket is known its requests queue on a stand-in, one
/// at a time, so the first answer teaches the limit before a second request goes.
/// </summary>
internal sealed class RateLimitBuckets(MonotonicClock clock)
{
    /// <summary>How often unused buckets are forgotten (each interaction token makes route keys of its own).</summary>
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly MonotonicClock _clock = clock;
    private readonly object _lock = new();
    private readonly Dictionary<string, RateLimitBucket> _byRouteKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _hashByRoute = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RateLimitBucket> _byHashAndMajor = new(StringComparer.Ordinal);
    private TimeSpan _lastSweep;

    /// <summary>Buckets remembered (for tests: unused ones are forgotten).</summary>
    internal int Count
    {
        get { lock (_lock) return _byRouteKey.Count; }
    }

    /// <summary>Waits for <paramref name="route"/>'s bucket's turn; the lease holds it until disposed.</summary>
    public async Task<Lease> AcquireAsync(RouteKey route, CancellationToken cancellationToken)
    {
        while (true)
        {
            RateLimitBucket bucket;
            lock (_lock)
            {
                bucket = Resolve(route);
                bucket.Users++;
            }
            FifoGate.Turn turn;
            try { turn = await bucket.Turn.EnterAsync(cancellationToken); }
            catch
            {
                lock (_lock) bucket.Users--;
                throw;
            }
            lock (_lock)
                if (bucket.MergedInto is null) return new Lease(this, route, bucket, turn);
            // The stand-in this request queued on became part of a known bucket: queue there instead.
            turn.Dispose();
            lock (_lock) bucket.Users--;
        }
    }

    private RateLimitBucket Resolve(RouteKey route)
    {
        if (_byRouteKey.TryGetValue(route.Key, out var bucket))
        {
            while (bucket.MergedInto is { } merged) bucket = merged;
            return bucket;
        }
        Sweep();
        bucket = _hashByRoute.TryGetValue(route.Route, out var hash) ? ByHash(hash, route.Major) : new RateLimitBucket(null);
        _byRouteKey[route.Key] = bucket;
        return bucket;
    }

    private RateLimitBucket ByHash(string hash, string major)
    {
        var key = $"{hash} {major}";
        if (!_byHashAndMajor.TryGetValue(key, out var bucket)) _byHashAndMajor[key] = bucket = new RateLimitBucket(hash);
        return bucket;
    }

    /// <summary>Learns from the headers of an answer to a request of <paramref name="route"/> sent through <paramref name="bucket"/>.</summary>
    private void Learn(RouteKey route, RateLimitBucket bucket, RateLimitHeaders headers)
    {
        RateLimitBucket target;
        lock (_lock)
        {
            target = bucket;
            if (headers.Bucket is { } hash && hash != bucket.Hash)
            {
                _hashByRoute[route.Route] = hash;
                var key = $"{hash} {route.Major}";
                if (bucket.Hash is null && !_byHashAndMajor.ContainsKey(key))
                {
                    // The usual case: the stand-in becomes the bucket, its queue in place.
                    bucket.Hash = hash;
                    _byHashAndMajor[key] = bucket;
                }
                else
                {
                    // Another route already knew this bucket (or Discord moved the route to another one).
                    target = ByHash(hash, route.Major);
                    if (bucket.Hash is null) bucket.MergedInto = target;
                }
                _byRouteKey[route.Key] = target;
            }
        }
        target.Update(headers, _clock.Now);
    }

    /// <summary>Forgets buckets nobody uses whose window is over: what they knew no longer holds.</summary>
    private void Sweep()
    {
        var now = _clock.Now;
        if (now - _lastSweep < SweepEvery) return;
        _lastSweep = now;
        foreach (var (key, bucket) in _byRouteKey.ToList())
            if (Unused(bucket, now)) _byRouteKey.Remove(key);
        foreach (var (key, bucket) in _byHashAndMajor.ToList())
            if (Unused(bucket, now)) _byHashAndMajor.Remove(key);
    }

    private static bool Unused(RateLimitBucket bucket, TimeSpan now) => bucket.Users == 0 && bucket.Turn.IsIdle && bucket.HasReset(now);

    /// <summary>A request's turn in its bucket, for all its attempts.</summary>
    public sealed class Lease(RateLimitBuckets buckets, RouteKey route, RateLimitBucket bucket, FifoGate.Turn turn) : IDisposable
    {
        private int _disposed;

        /// <summary>The bucket whose counts apply: the one a stand-in was merged into, once it was.</summary>
        private RateLimitBucket Current
        {
            get { lock (buckets._lock) return bucket.MergedInto ?? bucket; }
        }

        /// <summary>Waits until the bucket has room for one more request, and takes it.</summary>
        public Task TakeAsync(CancellationToken cancellationToken) => Current.TakeAsync(buckets._clock, cancellationToken);

        public void Learn(RateLimitHeaders headers) => buckets.Learn(route, bucket, headers);

        /// <summary>Discord answered 429 for this bucket: it takes nothing before <paramref name="retryAfter"/> has passed.</summary>
        public void BlockFor(TimeSpan retryAfter) => Current.BlockUntil(buckets._clock.Now + retryAfter);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            turn.Dispose();
            lock (buckets._lock) bucket.Users--;
        }
    }
}
