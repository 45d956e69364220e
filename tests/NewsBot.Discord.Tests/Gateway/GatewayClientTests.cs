using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NewsBot.Discord.Gateway;
using NewsBot.Discord.Tests.Fakes;

namespace NewsBot.Discord.Tests.Gateway;

/// <summary>The gateway client against the fake gateway: the documented protocol, reconnects, resumes, fatal codes.</summary>
public sealed class GatewayClientTests(ITestOutputHelper output)
{
    /// <summary>For tests on scaled-down time, where the default 10 s would be 100 ms.</summary>
    private static readonly GatewayTimings SlowHello = GatewayHarness.FastTimings with { HelloTimeout = TimeSpan.FromMinutes(10) };

    [Fact]
    public async Task Identify_sends_the_token_the_intents_the_shard_and_the_properties()
    {
        await using var h = await GatewayHarness.StartAsync(output, setUpOptions: o => { o.ShardId = 1; o.ShardCount = 3; });
        await h.WaitForReadyAsync();

        var identify = Assert.Single(h.Fake.Identifies);
        var d = identify.Data!;
        Assert.Equal(h.Options.Token, (string?)d["token"]);
        Assert.Equal(37377, (int)d["intents"]!);
        Assert.Equal(GatewayClient.Intents, (int)d["intents"]!);
        Assert.Equal([1, 3], d["shard"]!.AsArray().Select(n => (int)n!));
        Assert.Equal("NewsBot", (string?)d["properties"]!["browser"]);
        Assert.Equal("NewsBot", (string?)d["properties"]!["device"]);
        Assert.False(string.IsNullOrEmpty((string?)d["properties"]!["os"]));

        var connection = Assert.Single(h.Fake.ConnectionLog);
        Assert.Equal("?v=10&encoding=json", connection.Query);
        Assert.False(connection.IsResumeUrl);

        Assert.Equal(h.Fake.SessionId, h.Client.SessionId);
        Assert.Equal(h.Fake.BotUserId, h.Client.BotUserId);
        Assert.Equal(GatewayState.Ready, h.Client.State);
        var ready = Assert.Single(h.Dispatches);
        Assert.Equal(("READY", 1), (ready.Type, ready.Sequence));
        Assert.Equal(h.Fake.SessionId, ready.Data.GetProperty("session_id").GetString());
        Assert.Equal(1, h.Client.LastSequence);
        Assert.Contains(h.Log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("identified as NewsBot"));
    }

    [Fact]
    public async Task Heartbeats_come_first_after_a_jittered_wait_then_every_interval_with_the_last_sequence()
    {
        // Interval 1 s, jitter 0.1: the first heartbeat ~100 ms after HELLO, the next ones ~1 s apart.
        await using var h = await GatewayHarness.StartAsync(output, f => f.HeartbeatIntervalMs = 1000,
            GatewayHarness.FastTimings with { Random = () => 0.1 });
        await h.WaitForReadyAsync();
        var first = await h.Fake.WaitForPayloadAsync(op: 1);
        for (var i = 0; i < 3; i++) await h.Fake.DispatchAsync("MESSAGE_CREATE", new { content = $"event {i}" });
        await h.WaitForDispatchesAsync(d => d.Count == 4, "4 dispatches");
        var sequence = h.Client.LastSequence;
        Assert.Equal(4, sequence);

        var third = await h.Fake.WaitForPayloadAsync(op: 1, count: 3);
        var second = h.Fake.Heartbeats[1];
        var opened = h.Fake.ConnectionLog[0].OpenedAt;
        Assert.True(first.At - opened < TimeSpan.FromMilliseconds(600), $"first heartbeat {(first.At - opened).TotalMilliseconds} ms after connecting: not jittered");
        Assert.InRange((second.At - first.At).TotalMilliseconds, 700, 8000);
        Assert.InRange((third.At - second.At).TotalMilliseconds, 700, 8000);
        // The events above came before the third heartbeat: it carries the last sequence.
        Assert.Equal(4, (int)third.Data!);
    }

    [Fact]
    public async Task A_heartbeat_request_from_the_gateway_is_answered_at_once()
    {
        // Interval 60 s, jitter 0.99: no heartbeat of the client's own for a minute.
        await using var h = await GatewayHarness.StartAsync(output, f => f.HeartbeatIntervalMs = 60_000,
            GatewayHarness.FastTimings with { Random = () => 0.99 });
        await h.WaitForReadyAsync();
        Assert.Empty(h.Fake.Heartbeats);

        await h.Fake.RequestHeartbeatAsync();
        var heartbeat = await h.Fake.WaitForPayloadAsync(op: 1, timeoutSeconds: 5);
        Assert.Equal(1, (int)heartbeat.Data!);
    }

    [Fact]
    public async Task A_missing_heartbeat_ACK_closes_the_connection_and_resumes_the_session()
    {
        await using var h = await GatewayHarness.StartAsync(output, f => f.HeartbeatIntervalMs = 300);
        await h.WaitForReadyAsync();
        var sessionId = h.Fake.SessionId;
        await h.Fake.DispatchAsync("MESSAGE_CREATE", new { content = "before" });
        await h.WaitForDispatchesAsync(d => d.Count == 2, "2 dispatches");

        h.Fake.AcknowledgeHeartbeats = false;
        var resume = await h.Fake.WaitForPayloadAsync(op: 6);
        h.Fake.AcknowledgeHeartbeats = true;

        Assert.Equal(sessionId, (string?)resume.Data!["session_id"]);
        Assert.Equal(2, (int)resume.Data!["seq"]!);
        Assert.Equal(h.Options.Token, (string?)resume.Data!["token"]);
        Assert.Single(h.Fake.Identifies);
        var connections = h.Fake.ConnectionLog;
        Assert.True(connections[resume.Connection].IsResumeUrl);
        Assert.Equal("?v=10&encoding=json", connections[resume.Connection].Query);
        // Closed with a code that keeps the session (not 1000/1001), or no close frame at all.
        Assert.DoesNotContain(connections[0].ClientCloseStatus, new int?[] { 1000, 1001 });

        await h.WaitForDispatchesAsync(d => d.Any(x => x.Type == "RESUMED"), "RESUMED");
        Assert.Equal(GatewayState.Ready, h.Client.State);
        Assert.Contains(h.Log.Entries, e => e.Message.Contains("no heartbeat ACK"));
    }

    [Fact]
    public async Task RECONNECT_resumes_on_the_resume_gateway_url()
    {
        await using var h = await GatewayHarness.StartAsync(output);
        await h.WaitForReadyAsync();
        var sessionId = h.Fake.SessionId;

        await h.Fake.SendReconnectAsync();
        var resume = await h.Fake.WaitForPayloadAsync(op: 6);
        await h.WaitForDispatchesAsync(d => d.Any(x => x.Type == "RESUMED"), "RESUMED");

        Assert.Equal(1, resume.Connection);
        Assert.True(h.Fake.ConnectionLog[1].IsResumeUrl);
        Assert.Equal(sessionId, (string?)resume.Data!["session_id"]);
        Assert.Equal(1, (int)resume.Data!["seq"]!);
        Assert.Single(h.Fake.Identifies);
        Assert.DoesNotContain(h.Fake.ConnectionLog[0].ClientCloseStatus, new int?[] { 1000, 1001 });
        Assert.Equal(sessionId, h.Client.SessionId);
        Assert.Equal(GatewayState.Ready, h.Client.State);
        Assert.Contains(h.Log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("Resumed"));
    }

    [Fact]
    public async Task A_dropped_connection_resumes_without_losing_the_event()
    {
        await using var h = await GatewayHarness.StartAsync(output);
        await h.WaitForReadyAsync();
        var before = await h.Fake.DispatchAsync("MESSAGE_CREATE", new { id = "1", content = "before the drop" });
        await h.WaitForDispatchesAsync(d => d.Count == 2, "the first message");

        h.Fake.HoldNewConnections();
        await h.Fake.DropAsync();
        var missed1 = await h.Fake.DispatchAsync("MESSAGE_CREATE", new { id = "2", content = "while down" });
        var missed2 = await h.Fake.DispatchAsync("MESSAGE_UPDATE", new { id = "2", content = "edited while down" });
        h.Fake.ReleaseNewConnections();

        await h.WaitForDispatchesAsync(d => d.Any(x => x.Type == "RESUMED"), "RESUMED");
        var after = await h.Fake.DispatchAsync("MESSAGE_CREATE", new { id = "3", content = "after" });
        await h.WaitForDispatchesAsync(d => d.Any(x => x.Sequence == after), "the message after the resume");

        Assert.Equal(["READY", "MESSAGE_CREATE", "MESSAGE_CREATE", "MESSAGE_UPDATE", "RESUMED", "MESSAGE_CREATE"], h.Dispatches.Select(d => d.Type));
        Assert.Equal([1, before, missed1, missed2, missed2 + 1, after], h.Dispatches.Select(d => d.Sequence));
        Assert.Equal("while down", h.Dispatches[2].Data.GetProperty("content").GetString());
        // They came by replay, on the resumed connection, before RESUMED.
        var resumed = h.Fake.ConnectionLog[1];
        Assert.True(resumed.IsResumeUrl);
        Assert.Equal([("MESSAGE_CREATE", missed1), ("MESSAGE_UPDATE", missed2), ("RESUMED", missed2 + 1), ("MESSAGE_CREATE", after)], resumed.SentDispatches);
        Assert.Equal(before, (int)h.Fake.Resumes.Single().Data!["seq"]!);
        Assert.Single(h.Fake.Identifies);
    }

    [Fact]
    public async Task INVALID_SESSION_false_waits_then_identifies_afresh_on_the_gateway_url()
    {
        var timings = GatewayHarness.FastTimings with
        {
            InvalidSessionMinWait = TimeSpan.FromMilliseconds(400),
            InvalidSessionMaxWait = TimeSpan.FromMilliseconds(400),
        };
        await using var h = await GatewayHarness.StartAsync(output, timings: timings);
        await h.WaitForReadyAsync();
        var oldSession = h.Fake.SessionId;

        var sent = DateTimeOffset.UtcNow;
        await h.Fake.SendInvalidSessionAsync(resumable: false);
        var identify = await h.Fake.WaitForPayloadAsync(op: 2, count: 2);
        await h.WaitForReadyAsync(count: 2);

        Assert.InRange((identify.At - sent).TotalMilliseconds, 350, 10_000);
        Assert.Empty(h.Fake.Resumes);
        Assert.False(h.Fake.ConnectionLog[identify.Connection].IsResumeUrl);
        Assert.NotEqual(oldSession, h.Client.SessionId);
        Assert.Equal(h.Fake.SessionId, h.Client.SessionId);
        Assert.Equal(1, h.Client.LastSequence);
        Assert.Equal(2, h.EndpointCalls); // a fresh session start limit before each IDENTIFY
    }

    [Fact]
    public async Task INVALID_SESSION_true_resumes()
    {
        await using var h = await GatewayHarness.StartAsync(output);
        await h.WaitForReadyAsync();
        var sessionId = h.Fake.SessionId;

        await h.Fake.SendInvalidSessionAsync(resumable: true);
        var resume = await h.Fake.WaitForPayloadAsync(op: 6);
        await h.WaitForDispatchesAsync(d => d.Any(x => x.Type == "RESUMED"), "RESUMED");

        Assert.Equal(sessionId, (string?)resume.Data!["session_id"]);
        Assert.Single(h.Fake.Identifies);
    }

    [Fact]
    public async Task A_resume_the_gateway_refuses_falls_back_to_a_new_session()
    {
        await using var h = await GatewayHarness.StartAsync(output);
        await h.WaitForReadyAsync();

        // INVALID_SESSION false on the live connection would make it identify at once; here the session ends
        // while the client is away, so its RESUME is what gets refused (the fake answers op 9 false).
        h.Fake.HoldNewConnections();
        await h.Fake.DropAsync();
        h.Fake.InvalidateSession();
        h.Fake.ReleaseNewConnections();

        await h.Fake.WaitForPayloadAsync(op: 6);
        await h.Fake.WaitForPayloadAsync(op: 2, count: 2);
        await h.WaitForReadyAsync(count: 2);
        Assert.Equal(h.Fake.SessionId, h.Client.SessionId);
    }

    [Theory]
    [InlineData(4004, "Discord rejected the bot token: check Discord:Token")]
    [InlineData(4010, "Discord:ShardId")]
    [InlineData(4011, "Discord:ShardCount")]
    [InlineData(4012, "v10")]
    [InlineData(4013, "37377")]
    [InlineData(4014, "enable the Message Content intent in the Developer Portal (Bot → Privileged Gateway Intents)")]
    public async Task A_close_code_reconnecting_cannot_fix_stops_with_what_to_fix(int code, string expected)
    {
        await using var h = await GatewayHarness.StartAsync(output, f => f.RejectIdentifyWith = code);

        var error = await Assert.ThrowsAsync<GatewayFatalException>(() => h.Run.WaitAsync(TimeSpan.FromSeconds(15)));

        Assert.Equal(code, error.CloseCode);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain(h.Options.Token!, error.Message);
        Assert.Equal(1, h.Fake.Connections);
        Assert.Equal(GatewayState.Disconnected, h.Client.State);
    }

    [Theory]
    [InlineData(4009)]
    [InlineData(4007)]
    public async Task A_close_code_that_ends_the_session_starts_a_new_one(int code)
    {
        await using var h = await GatewayHarness.StartAsync(output);
        await h.WaitForReadyAsync();
        var oldSession = h.Fake.SessionId;

        await h.Fake.CloseAsync(code);
        var identify = await h.Fake.WaitForPayloadAsync(op: 2, count: 2);
        await h.WaitForReadyAsync(count: 2);

        Assert.Empty(h.Fake.Resumes);
        Assert.False(h.Fake.ConnectionLog[identify.Connection].IsResumeUrl);
        Assert.NotEqual(oldSession, h.Client.SessionId);
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(4002)]
    [InlineData(4008)]
    [InlineData(1000)]
    [InlineData(1001)]
    public async Task A_resumable_close_code_resumes(int code)
    {
        await using var h = await GatewayHarness.StartAsync(output);
        await h.WaitForReadyAsync();
        var sessionId = h.Fake.SessionId;

        await h.Fake.CloseAsync(code);
        var resume = await h.Fake.WaitForPayloadAsync(op: 6);

        Assert.Equal(sessionId, (string?)resume.Data!["session_id"]);
        Assert.True(h.Fake.ConnectionLog[resume.Connection].IsResumeUrl);
        Assert.Single(h.Fake.Identifies);
    }

    [Fact]
    public async Task With_no_session_start_left_it_waits_for_the_reset_before_identifying()
    {
        // Real time scaled down 100 times: the client asks for 61.234 s and waits 612 ms. (A wait of that length
        // asked for by nothing else: heartbeats here are 45 s apart.)
        var time = new ScaledTimeProvider(100);
        await using var h = await GatewayHarness.StartAsync(output, f => f.HeartbeatIntervalMs = 45_000,
            SlowHello, (_, fake) => fake.Endpoint(remaining: 0, resetAfterMilliseconds: 61_234), time: time);
        var started = DateTimeOffset.UtcNow;

        await h.WaitForReadyAsync();

        Assert.Contains(TimeSpan.FromMilliseconds(61_234), time.RequestedDelays);
        Assert.True(h.Fake.ConnectionLog[0].OpenedAt - started >= TimeSpan.FromMilliseconds(450),
            $"connected {(h.Fake.ConnectionLog[0].OpenedAt - started).TotalMilliseconds} ms after starting: did not wait for the reset");
        Assert.Contains(h.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("session start limit"));
    }

    [Fact]
    public async Task With_session_starts_left_it_does_not_wait()
    {
        var time = new ScaledTimeProvider(100);
        await using var h = await GatewayHarness.StartAsync(output, f => f.HeartbeatIntervalMs = 45_000,
            SlowHello, (_, fake) => fake.Endpoint(remaining: 5, resetAfterMilliseconds: 61_234), time: time);

        await h.WaitForReadyAsync();

        Assert.DoesNotContain(TimeSpan.FromMilliseconds(61_234), time.RequestedDelays);
    }

    [Fact]
    public async Task Two_IDENTIFYs_of_one_bucket_are_spaced_by_the_identify_interval()
    {
        // The first IDENTIFY's slot starts after `started`; the second's, one interval later. Without the limit, the
        // second IDENTIFY would follow READY and the close within a few hundred ms.
        var started = DateTimeOffset.UtcNow;
        await using var h = await GatewayHarness.StartAsync(output,
            timings: GatewayHarness.FastTimings with { IdentifyInterval = TimeSpan.FromMilliseconds(1500) });
        await h.WaitForReadyAsync();

        await h.Fake.CloseAsync(4009); // a new session at once
        var second = await h.Fake.WaitForPayloadAsync(op: 2, count: 2);

        Assert.InRange((second.At - started).TotalMilliseconds, 1450, 15_000);
        Assert.Contains(h.Log.Entries, e => e.Message.Contains("max_concurrency bucket 0"));
    }

    [Fact]
    public async Task Dispatches_arrive_in_order_with_their_sequence_numbers_even_split_into_frames()
    {
        var big = new string('x', 20_000);
        await using var h = await GatewayHarness.StartAsync(output, f => f.FrameSize = 7);
        await h.WaitForReadyAsync();

        var sequences = new List<int>();
        for (var i = 0; i < 30; i++)
            sequences.Add(await h.Fake.DispatchAsync("MESSAGE_CREATE", new { id = i.ToString(), content = i == 10 ? big : $"message {i}" }));
        await h.WaitForDispatchesAsync(d => d.Count == 31, "31 dispatches");

        var messages = h.Dispatches.Skip(1).ToList();
        Assert.Equal(sequences, messages.Select(d => d.Sequence));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => i.ToString()), messages.Select(d => d.Data.GetProperty("id").GetString()));
        Assert.Equal(big, messages[10].Data.GetProperty("content").GetString());
        Assert.Equal(sequences[^1], h.Client.LastSequence);
    }

    [Fact]
    public async Task A_throwing_handler_is_logged_and_the_next_events_still_come()
    {
        await using var h = await GatewayHarness.StartAsync(output, onDispatch: d =>
            d.Type == "MESSAGE_CREATE" && d.Data.GetProperty("content").GetString() == "boom"
                ? throw new InvalidOperationException("handler failed") : Task.CompletedTask);
        await h.WaitForReadyAsync();

        await h.Fake.DispatchAsync("MESSAGE_CREATE", new { content = "boom" });
        var next = await h.Fake.DispatchAsync("MESSAGE_CREATE", new { content = "fine" });
        await h.WaitForDispatchesAsync(d => d.Any(x => x.Sequence == next), "the event after the failure");

        Assert.Contains(h.Log.Entries, e => e.Level == LogLevel.Error && e.Exception?.Message == "handler failed");
        Assert.False(h.Run.IsCompleted);
        Assert.Equal(1, h.Fake.Connections);
    }

    [Fact]
    public async Task A_slow_handler_does_not_stop_heartbeats_from_being_acknowledged()
    {
        var release = new TaskCompletionSource();
        await using var h = await GatewayHarness.StartAsync(output, f => f.HeartbeatIntervalMs = 400,
            onDispatch: d => d.Type == "MESSAGE_CREATE" ? release.Task : Task.CompletedTask);
        await h.WaitForReadyAsync();

        await h.Fake.DispatchAsync("MESSAGE_CREATE", new { content = "slow" });
        await h.Fake.WaitForPayloadAsync(op: 1, count: 4); // several intervals while the handler is busy
        release.SetResult();

        Assert.Equal(1, h.Fake.Connections);
        Assert.Empty(h.Fake.Resumes);
    }

    [Fact]
    public async Task Failed_connections_are_retried_with_backoff_until_one_works()
    {
        await using var h = await GatewayHarness.StartAsync(output, endpoint: (call, fake) => call switch
        {
            1 => throw new HttpRequestException("GET /gateway/bot: 503"),
            2 => new GatewayEndpoint("ws://127.0.0.1:1/", 1000, 0, 1), // nothing listens there
            _ => fake.Endpoint(),
        });

        await h.WaitForReadyAsync();

        Assert.Equal(3, h.EndpointCalls);
        Assert.Equal(2, h.Log.Entries.Count(e => e.Level == LogLevel.Information && e.Message.StartsWith("Reconnecting to the Discord gateway in")));
    }

    [Fact]
    public async Task Stopping_closes_with_1000_and_returns()
    {
        await using var h = await GatewayHarness.StartAsync(output);
        await h.WaitForReadyAsync();

        await h.StopAsync();
        await h.Fake.ConnectionLog[0].Ended.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1000, h.Fake.ConnectionLog[0].ClientCloseStatus);
        Assert.Equal(GatewayState.Disconnected, h.Client.State);
        Assert.Equal(1, h.Fake.Connections);
    }

    [Fact]
    public void The_gateway_url_gets_the_version_and_the_encoding()
    {
        Assert.Equal("wss://gateway.discord.gg/?v=10&encoding=json", GatewayClient.GatewayUri("wss://gateway.discord.gg").ToString());
        Assert.Equal("wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json", GatewayClient.GatewayUri("wss://gateway-us-east1-b.discord.gg/").ToString());
        Assert.Equal("ws://127.0.0.1:5000/resume?v=10&encoding=json", GatewayClient.GatewayUri("ws://127.0.0.1:5000/resume").ToString());
    }
}
