using NewsBot.Discord.Rest;

namespace NewsBot.Discord.Tests.Rest;

/// <summary>How buckets are learned from Discord's headers, on the real clock (waits are a few hundred ms, checked from below only).</summary>
[Collection(RateLimitTimingCollection.Name)]
public sealed class RateLimitBucketsTests
{
    private static readonly TimeSpan Reset = TimeSpan.FromMilliseconds(300);

    private static RateLimitHeaders Headers(string bucket, int remaining) => new(bucket, 2, remaining, Reset, false, null, null);

    [Fact]
    public async Task An_exhausted_bucket_takes_nothing_until_it_resets()
    {
        var clock = new MonotonicClock(TimeProvider.System);
        var buckets = new RateLimitBuckets(clock);
        var route = RouteKey.For(HttpMethod.Post, "/channels/1/messages");

        using (var lease = await buckets.AcquireAsync(route, default))
        {
            await lease.TakeAsync(default);
            lease.Learn(Headers("abc", remaining: 0));
        }
        var before = clock.Now;
        using (var lease = await buckets.AcquireAsync(route, default)) await lease.TakeAsync(default);

        Assert.True(clock.Now - before >= Reset - TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public async Task A_bucket_with_requests_left_takes_one_at_once()
    {
        var clock = new MonotonicClock(TimeProvider.System);
        var buckets = new RateLimitBuckets(clock);
        var route = RouteKey.For(HttpMethod.Post, "/channels/1/messages");
        using (var lease = await buckets.AcquireAsync(route, default))
        {
            await lease.TakeAsync(default);
            lease.Learn(Headers("abc", remaining: 1));
        }

        using var second = await buckets.AcquireAsync(route, default);
        var take = second.TakeAsync(default);
        Assert.True(take.IsCompletedSuccessfully); // no wait at all
    }

    [Fact]
    public async Task Routes_that_Discord_puts_in_one_bucket_share_its_count_per_channel()
    {
        var clock = new MonotonicClock(TimeProvider.System);
        var buckets = new RateLimitBuckets(clock);
        var create = RouteKey.For(HttpMethod.Post, "/channels/1/messages");
        var edit = RouteKey.For(HttpMethod.Patch, "/channels/1/messages/9");
        var editElsewhere = RouteKey.For(HttpMethod.Patch, "/channels/2/messages/9");

        using (var lease = await buckets.AcquireAsync(create, default))
        {
            await lease.TakeAsync(default);
            lease.Learn(Headers("shared", remaining: 1));
        }
        using (var lease = await buckets.AcquireAsync(edit, default))
        {
            await lease.TakeAsync(default); // unknown yet: goes
            lease.Learn(Headers("shared", remaining: 0)); // now known to be the create route's bucket, which is spent
        }
        using (var lease = await buckets.AcquireAsync(editElsewhere, default))
        {
            // Another channel: the same bucket id, counted apart.
            Assert.True(lease.TakeAsync(default).IsCompletedSuccessfully);
        }
        var before = clock.Now;
        using (var lease = await buckets.AcquireAsync(create, default)) await lease.TakeAsync(default);
        Assert.True(clock.Now - before >= Reset - TimeSpan.FromMilliseconds(5));
    }
}

public sealed class RateLimitBucketsMemoryTests
{
    [Fact]
    public async Task Buckets_nobody_uses_are_forgotten_once_their_window_is_over()
    {
        // Every interaction token is a route key of its own: without forgetting, a bot's memory would grow forever.
        var time = new ManualTime();
        var buckets = new RateLimitBuckets(new MonotonicClock(time));
        time.Advance(TimeSpan.FromMinutes(2));
        for (var i = 0; i < 3; i++)
        {
            using var lease = await buckets.AcquireAsync(RouteKey.For(HttpMethod.Post, $"/interactions/{i}/token-{i}/callback"), default);
            await lease.TakeAsync(default);
            lease.Learn(new RateLimitHeaders("callback", 5, 4, TimeSpan.FromSeconds(1), false, null, null));
        }
        using var held = await buckets.AcquireAsync(RouteKey.For(HttpMethod.Post, "/channels/1/messages"), default);
        Assert.Equal(4, buckets.Count);

        time.Advance(TimeSpan.FromMinutes(2));
        using var next = await buckets.AcquireAsync(RouteKey.For(HttpMethod.Post, "/interactions/9/token-9/callback"), default);

        Assert.Equal(2, buckets.Count); // the held one and the new one
    }
}
