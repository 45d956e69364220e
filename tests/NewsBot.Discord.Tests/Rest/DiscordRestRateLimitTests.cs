using System.Net;
using NewsBot.Discord.Model;
using NewsBot.Discord.Rest;
using NewsBot.Discord.Tests.Fakes;

namespace NewsBot.Discord.Tests.Rest;

/// <summary>
/// Discord's rate limits, against the fake API, which answers 429 to any request beyond a bucket's limit or the global
/// one. The client is expected to keep under them by itself (no 429 at all), and to wait out the 429s it is given.
/// </summary>
[Collection(RateLimitTimingCollection.Name)]
public sealed class DiscordRestRateLimitTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);
    private FakeDiscordRest _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeDiscordRest.StartAsync();
    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private static MessageCreate Text(string content) => new() { Content = content };

    /// <summary>No <paramref name="limit"/> + 1 requests of <paramref name="arrivals"/> fall within one <paramref name="window"/>.</summary>
    private static void NoMoreThan(int limit, TimeSpan window, IReadOnlyList<DateTimeOffset> arrivals)
    {
        var sorted = arrivals.Order().ToList();
        for (var i = 0; i + limit < sorted.Count; i++)
            Assert.True(sorted[i + limit] - sorted[i] >= window,
                $"Requests {i + 1} to {i + limit + 1} arrived within {(sorted[i + limit] - sorted[i]).TotalMilliseconds:F0} ms: more than {limit} in {window.TotalMilliseconds} ms.");
    }

    [Fact]
    public async Task A_burst_of_50_messages_to_one_channel_never_exceeds_its_bucket_and_keeps_its_order()
    {
        _fake.SetBucketLimit(FakeDiscordRest.Buckets.CreateMessage, 5, Period);
        var client = RestClients.For(_fake);

        var sends = Enumerable.Range(1, 50).Select(i => client.CreateMessageAsync("123", Text($"{i}"), default)).ToList();
        await Task.WhenAll(sends);

        var requests = _fake.Requests;
        foreach (var r in requests) output.WriteLine(r.ToString());
        Assert.Empty(_fake.RateLimited);
        Assert.Equal(50, requests.Count);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"{i}"), requests.Select(r => r.Content));
        NoMoreThan(5, Period, requests.Select(r => r.ArrivedAt).ToList());
    }

    [Fact]
    public async Task Each_channel_has_its_own_bucket()
    {
        _fake.SetBucketLimit(FakeDiscordRest.Buckets.CreateMessage, 5, Period);
        var client = RestClients.For(_fake);

        var first = Enumerable.Range(1, 10).Select(i => client.CreateMessageAsync("111", Text($"a{i}"), default)).ToList();
        var second = Enumerable.Range(1, 10).Select(i => client.CreateMessageAsync("222", Text($"b{i}"), default)).ToList();
        await Task.WhenAll(first.Concat(second));

        var requests = _fake.Requests;
        Assert.Empty(_fake.RateLimited);
        NoMoreThan(5, Period, requests.Where(r => r.Path == "/channels/111/messages").Select(r => r.ArrivedAt).ToList());
        NoMoreThan(5, Period, requests.Where(r => r.Path == "/channels/222/messages").Select(r => r.ArrivedAt).ToList());
        // Channel 222 did not queue behind channel 111's exhausted bucket.
        var sixthOfFirst = requests.Single(r => r.Content == "a6").ArrivedAt;
        Assert.True(requests.Single(r => r.Content == "b1").ArrivedAt < sixthOfFirst);
    }

    [Fact]
    public async Task A_429_is_waited_out_for_retry_after_then_retried()
    {
        _fake.ThenRateLimit(0.7);

        var sent = await RestClients.For(_fake).CreateMessageAsync("123", Text("hello"), default);

        Assert.Equal("hello", sent.Content);
        var requests = _fake.Requests;
        Assert.Equal([429, 200], requests.Select(r => r.Status));
        Assert.True(requests[1].ArrivedAt - requests[0].ArrivedAt >= TimeSpan.FromSeconds(0.7),
            $"The retry came {(requests[1].ArrivedAt - requests[0].ArrivedAt).TotalMilliseconds} ms after the 429.");
    }

    [Fact]
    public async Task A_429_without_retry_after_in_its_body_is_waited_out_for_the_Retry_After_header()
    {
        _fake.ThenRateLimit(1, inBody: false);

        await RestClients.For(_fake).TriggerTypingAsync("123", default);

        var requests = _fake.Requests;
        Assert.Equal([429, 204], requests.Select(r => r.Status));
        Assert.True(requests[1].ArrivedAt - requests[0].ArrivedAt >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_429_makes_the_requests_queued_behind_it_wait_too()
    {
        _fake.ThenRateLimit(0.6);
        var client = RestClients.For(_fake);

        await Task.WhenAll(client.CreateMessageAsync("123", Text("first"), default), client.CreateMessageAsync("123", Text("second"), default));

        var requests = _fake.Requests;
        Assert.Equal(["first", "first", "second"], requests.Select(r => r.Content));
        Assert.True(requests[2].ArrivedAt - requests[0].ArrivedAt >= TimeSpan.FromSeconds(0.6));
    }

    [Fact]
    public async Task A_429_that_keeps_coming_is_reported_after_3_retries()
    {
        for (var i = 0; i < 4; i++) _fake.ThenRateLimit(0.05);

        var e = await Assert.ThrowsAsync<DiscordApiException>(() => RestClients.For(_fake).CreateMessageAsync("123", Text("x"), default));

        Assert.Equal(HttpStatusCode.TooManyRequests, e.Status);
        Assert.Equal(4, _fake.Requests.Count);
    }

    [Fact]
    public async Task A_global_429_pauses_requests_to_other_routes()
    {
        var log = new ListLogger<DiscordRestClient>();
        var client = RestClients.For(_fake, log: log);
        _fake.ThenRateLimit(1.0, global: true);

        var limited = client.CreateMessageAsync("111", Text("limited"), default);
        await log.WaitForAsync(line => line.Contains("global rate limit"));
        var other = client.TriggerTypingAsync("222", default);
        var webhook = client.CreateInteractionResponseAsync("5000", "token", new InteractionResponse { Type = InteractionResponseTypes.DeferredChannelMessage }, default);
        await Task.WhenAll(limited, other, webhook);

        var requests = _fake.Requests;
        foreach (var r in requests) output.WriteLine(r.ToString());
        var globally = requests.Single(r => r.Status == 429);
        var typing = requests.Single(r => r.Path == "/channels/222/typing");
        var retry = requests.Single(r => r is { Path: "/channels/111/messages", Status: 200 });
        Assert.True(typing.ArrivedAt - globally.ArrivedAt >= TimeSpan.FromSeconds(1), "Another route went during the global pause.");
        Assert.True(retry.ArrivedAt - globally.ArrivedAt >= TimeSpan.FromSeconds(1));
        // Interaction callbacks are outside the global limit (Discord says so): they were not held.
        var callback = requests.Single(r => r.Path.StartsWith("/interactions/", StringComparison.Ordinal));
        Assert.True(callback.ArrivedAt < typing.ArrivedAt);
    }

    [Fact]
    public async Task No_more_than_50_requests_a_second_go_out_across_routes()
    {
        var client = RestClients.For(_fake);

        // One request to each of 120 channels: 120 buckets, only the global limit holds them back.
        await Task.WhenAll(Enumerable.Range(0, 120).Select(i => client.TriggerTypingAsync($"{1000 + i}", default)));

        var arrivals = _fake.Requests.Select(r => r.ArrivedAt).ToList();
        Assert.Equal(120, arrivals.Count);
        Assert.Empty(_fake.RateLimited);
        NoMoreThan(50, TimeSpan.FromSeconds(1), arrivals);
    }
}
