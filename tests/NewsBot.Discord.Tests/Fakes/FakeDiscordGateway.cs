using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsBot.Discord.Gateway;

namespace NewsBot.Discord.Tests.Fakes;

/// <summary>
/// A FAKE Discord gateway (the real one, <c>wss://gateway.discord.gg</c>, cannot be reached from here), speaking the
/// documented protocol (API v10, JSON text frames) over real WebSockets on Kestrel, loopback port 0:
/// HELLO with a configurable <see cref="HeartbeatIntervalMs"/>; IDENTIFY (recorded) answered by READY with a new
/// session id, <c>resume_gateway_url</c> = <see cref="ResumeUrl"/> (the marker path <c>/resume</c>, so tests can tell
/// resume connections) and the bot user; heartbeat ACKs (which it can stop sending); RESUME checked against the
/// session id and sequence, answered by the events missed since that sequence then RESUMED (or INVALID_SESSION false
/// for an unknown session, close 4007 for a bad sequence). Tests drive it: <see cref="DispatchAsync"/> sends an event
/// with the session's next sequence number (kept for replay; queued while no connection is up), and it can send
/// RECONNECT, INVALID_SESSION, a heartbeat request, close with any code, drop the TCP connection, or hold new
/// connections. Everything received is recorded per connection.
/// </summary>
public sealed class FakeDiscordGateway : IAsyncDisposable
{
    public const string ResumePath = "/resume";

    private readonly WebApplication _app;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _lock = new();
    private readonly List<FakeGatewayConnection> _connections = [];
    private TaskCompletionSource _admit = Completed();
    private FakeSession? _session;
    private FakeGatewayConnection? _live;
    private int _sessions;

    private FakeDiscordGateway(WebApplication app) => _app = app;

    /// <summary><c>ws://127.0.0.1:{port}/</c>: what <c>GET /gateway/bot</c> would answer.</summary>
    public Uri Url { get; private set; } = null!;
    /// <summary>The <c>resume_gateway_url</c> READY hands out: <see cref="Url"/> with the path <c>/resume</c>.</summary>
    public Uri ResumeUrl => new(Url, ResumePath);

    public int HeartbeatIntervalMs { get; set; } = 200;
    public bool AcknowledgeHeartbeats { get; set; } = true;
    /// <summary>When set, every IDENTIFY is answered by closing the connection with this code (4004, 4014, …).</summary>
    public int? RejectIdentifyWith { get; set; }
    /// <summary>When set, messages to the client are split into WebSocket frames of at most this many bytes.</summary>
    public int? FrameSize { get; set; }
    public string BotUserId { get; set; } = "1234567890123456789";
    public string BotUsername { get; set; } = "NewsBot";
    public string ApplicationId { get; set; } = "1234567890123456789";

    /// <summary>How many WebSocket connections were accepted.</summary>
    public int Connections { get { lock (_lock) return _connections.Count; } }
    public IReadOnlyList<FakeGatewayConnection> ConnectionLog { get { lock (_lock) return [.. _connections]; } }
    /// <summary>Every payload received, in order, over all connections.</summary>
    public IReadOnlyList<ReceivedPayload> Received => [.. ConnectionLog.SelectMany(c => c.Received).OrderBy(p => p.Order)];
    public IReadOnlyList<ReceivedPayload> Identifies => [.. Received.Where(p => p.Op == 2)];
    public IReadOnlyList<ReceivedPayload> Resumes => [.. Received.Where(p => p.Op == 6)];
    public IReadOnlyList<ReceivedPayload> Heartbeats => [.. Received.Where(p => p.Op == 1)];
    /// <summary>The current session's id (from the last IDENTIFY), null before any.</summary>
    public string? SessionId { get { lock (_lock) return _session?.Id; } }
    /// <summary>The current session's last sequence number.</summary>
    public int Sequence { get { lock (_lock) return _session?.Sequence ?? 0; } }
    /// <summary>The most recent connection still open.</summary>
    public FakeGatewayConnection? Current { get { lock (_lock) return _connections.LastOrDefault(c => !c.Ended.IsCompleted); } }

    /// <summary>What <c>GET /gateway/bot</c> would answer, pointing at this fake.</summary>
    public GatewayEndpoint Endpoint(int remaining = 1000, int resetAfterMilliseconds = 0, int maxConcurrency = 1) =>
        new(Url.ToString(), remaining, resetAfterMilliseconds, maxConcurrency);

    public static async Task<FakeDiscordGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeDiscordGateway(app);
        app.UseWebSockets();
        app.Map("/", fake.AcceptAsync);
        app.Map(ResumePath, fake.AcceptAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Url = new Uri(address.Replace("http://", "ws://") + "/");
        return fake;
    }

    /// <summary>
    /// Sends a dispatch event to the connection bound to the session, with the session's next sequence number, and
    /// keeps it for replay. With no such connection (dropped, or not yet resumed), it is only kept: a RESUME replays it.
    /// </summary>
    /// <returns>The event's sequence number.</returns>
    public async Task<int> DispatchAsync(string type, object data)
    {
        var node = data as JsonNode ?? JsonSerializer.SerializeToNode(data);
        await _gate.WaitAsync();
        try
        {
            var session = _session ?? throw new InvalidOperationException("No session: the client has not identified yet.");
            var sent = session.Append(type, node, replayable: true);
            if (LiveConnection() is { } live) await TrySendAsync(live, sent.ToPayload());
            return sent.Sequence;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Op 7 RECONNECT to the current connection.</summary>
    public Task SendReconnectAsync() => SendToCurrentAsync(new JsonObject { ["op"] = 7, ["d"] = null });

    /// <summary>Op 9 INVALID_SESSION to the current connection; with false, the session can no longer be resumed.</summary>
    public Task SendInvalidSessionAsync(bool resumable)
    {
        if (!resumable) lock (_lock) if (_session is not null) _session.Invalid = true;
        return SendToCurrentAsync(new JsonObject { ["op"] = 9, ["d"] = resumable });
    }

    /// <summary>Ends the session without telling anyone (as when it times out while the client is away): a RESUME of it is answered by INVALID_SESSION false.</summary>
    public void InvalidateSession() { lock (_lock) if (_session is not null) _session.Invalid = true; }

    /// <summary>Op 1: asks the client for an immediate heartbeat.</summary>
    public Task RequestHeartbeatAsync() => SendToCurrentAsync(new JsonObject { ["op"] = 1, ["d"] = null });

    /// <summary>Closes the current connection with <paramref name="code"/>; 4007 and 4009 also end the session.</summary>
    public async Task CloseAsync(int code, string reason = "")
    {
        var connection = Current ?? throw new InvalidOperationException("No connection is open.");
        lock (_lock)
        {
            if (code is 4007 or 4009 && _session is not null) _session.Invalid = true;
            if (_live == connection) _live = null;
        }
        await connection.CloseAsync(code, reason);
    }

    /// <summary>Drops the current connection's TCP connection abruptly: no close frame.</summary>
    public async Task DropAsync()
    {
        var connection = Current ?? throw new InvalidOperationException("No connection is open.");
        lock (_lock) if (_live == connection) _live = null;
        connection.Abort();
        await connection.Ended.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>New connections wait (before the WebSocket handshake) until <see cref="ReleaseNewConnections"/>.</summary>
    public void HoldNewConnections() { lock (_lock) if (_admit.Task.IsCompleted) _admit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously); }

    public void ReleaseNewConnections() { lock (_lock) _admit.TrySetResult(); }

    /// <summary>Waits until <paramref name="condition"/> holds; on timeout, throws with everything received.</summary>
    public async Task WaitForAsync(Func<FakeDiscordGateway, bool> condition, string what, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The fake Discord gateway did not see {what} within {timeoutSeconds} s. It has had {Connections} connection(s); received:\n" + Describe());
            await Task.Delay(10);
        }
    }

    /// <summary>Waits for the <paramref name="count"/>-th payload with opcode <paramref name="op"/> and returns it.</summary>
    public async Task<ReceivedPayload> WaitForPayloadAsync(int op, int count = 1, int timeoutSeconds = 15)
    {
        await WaitForAsync(f => f.Received.Count(p => p.Op == op) >= count, $"{count} payload(s) with op {op}", timeoutSeconds);
        return Received.Where(p => p.Op == op).ElementAt(count - 1);
    }

    public Task WaitForConnectionsAsync(int count, int timeoutSeconds = 15) =>
        WaitForAsync(f => f.Connections >= count, $"{count} connection(s)", timeoutSeconds);

    /// <summary>Everything received, one line per payload (tokens masked).</summary>
    public string Describe() => string.Join("\n", Received.Select(p => p.ToString()));

    public async ValueTask DisposeAsync()
    {
        ReleaseNewConnections();
        foreach (var connection in ConnectionLog) connection.Abort();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private FakeGatewayConnection? LiveConnection() { lock (_lock) return _live is { Ended.IsCompleted: false } live ? live : null; }

    private async Task SendToCurrentAsync(JsonObject payload)
    {
        var connection = Current ?? throw new InvalidOperationException("No connection is open.");
        await connection.SendAsync(payload.ToJsonString(), FrameSize);
    }

    private async Task TrySendAsync(FakeGatewayConnection connection, JsonObject payload)
    {
        try
        {
            await connection.SendAsync(payload.ToJsonString(), FrameSize);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The connection is gone; the event stays in the session's log for a RESUME.
        }
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }
        Task admit;
        lock (_lock) admit = _admit.Task;
        await admit;
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        FakeGatewayConnection connection;
        lock (_lock)
        {
            connection = new FakeGatewayConnection(_connections.Count, context.Request.Path, context.Request.QueryString.Value ?? "", socket, context);
            _connections.Add(connection);
        }
        try
        {
            await connection.SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = HeartbeatIntervalMs } }.ToJsonString(), FrameSize);
            while (await connection.ReceiveAsync() is { } payload)
            {
                switch (payload.Op)
                {
                    case 1 when AcknowledgeHeartbeats:
                        await connection.SendAsync("""{"op":11}""", FrameSize);
                        break;
                    case 2:
                        await IdentifyAsync(connection, payload.Data);
                        break;
                    case 6:
                        await ResumeAsync(connection, payload.Data);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException or ConnectionAbortedException)
        {
        }
        finally
        {
            lock (_lock) if (_live == connection) _live = null;
            connection.MarkEnded();
        }
    }

    private async Task IdentifyAsync(FakeGatewayConnection connection, JsonNode? data)
    {
        if (RejectIdentifyWith is int code)
        {
            await connection.CloseAsync(code, "identify rejected");
            return;
        }
        await _gate.WaitAsync();
        try
        {
            FakeSession session;
            lock (_lock)
            {
                session = new FakeSession($"fake-session-{++_sessions}");
                _session = session;
                _live = connection;
            }
            var ready = session.Append("READY", new JsonObject
            {
                ["v"] = 10,
                ["user"] = new JsonObject { ["id"] = BotUserId, ["username"] = BotUsername, ["bot"] = true },
                ["guilds"] = new JsonArray(),
                ["session_id"] = session.Id,
                ["resume_gateway_url"] = ResumeUrl.ToString().TrimEnd('/'),
                ["shard"] = data?["shard"]?.DeepClone(),
                ["application"] = new JsonObject { ["id"] = ApplicationId, ["flags"] = 0 },
            }, replayable: false);
            await connection.SendAsync(ready.ToPayload().ToJsonString(), FrameSize);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ResumeAsync(FakeGatewayConnection connection, JsonNode? data)
    {
        var sessionId = data?["session_id"]?.GetValue<string>();
        var sequence = data?["seq"]?.GetValue<int>() ?? -1;
        await _gate.WaitAsync();
        try
        {
            FakeSession? session;
            lock (_lock) session = _session;
            if (session is null || session.Invalid || session.Id != sessionId)
            {
                await connection.SendAsync("""{"op":9,"d":false}""", FrameSize);
                return;
            }
            if (sequence < 0 || sequence > session.Sequence)
            {
                await connection.CloseAsync(4007, "invalid seq");
                return;
            }
            lock (_lock) _live = connection;
            foreach (var missed in session.After(sequence))
                await connection.SendAsync(missed.ToPayload().ToJsonString(), FrameSize);
            var resumed = session.Append("RESUMED", null, replayable: false);
            await connection.SendAsync(resumed.ToPayload().ToJsonString(), FrameSize);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    private sealed class FakeSession(string id)
    {
        private readonly List<SessionEvent> _events = [];
        public string Id { get; } = id;
        public int Sequence { get; private set; }
        public bool Invalid { get; set; }

        public SessionEvent Append(string type, JsonNode? data, bool replayable)
        {
            lock (_events)
            {
                var added = new SessionEvent(++Sequence, type, data, replayable);
                _events.Add(added);
                return added;
            }
        }

        public IReadOnlyList<SessionEvent> After(int sequence)
        {
            lock (_events) return [.. _events.Where(e => e.Replayable && e.Sequence > sequence)];
        }
    }

    private sealed record SessionEvent(int Sequence, string Type, JsonNode? Data, bool Replayable)
    {
        public JsonObject ToPayload() => new() { ["op"] = 0, ["t"] = Type, ["s"] = Sequence, ["d"] = Data?.DeepClone() };
    }
}

/// <summary>One WebSocket connection to <see cref="FakeDiscordGateway"/>: what it received and sent.</summary>
public sealed class FakeGatewayConnection
{
    private static long _order;
    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly List<ReceivedPayload> _received = [];
    private readonly List<JsonObject> _sent = [];
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal FakeGatewayConnection(int index, string path, string query, WebSocket socket, HttpContext context)
    {
        Index = index;
        Path = path;
        Query = query;
        _socket = socket;
        _context = context;
    }

    /// <summary>0 for the first connection, 1 for the next, …</summary>
    public int Index { get; }
    public string Path { get; }
    /// <summary>The query string, with its <c>?</c> (the client should send <c>?v=10&amp;encoding=json</c>).</summary>
    public string Query { get; }
    /// <summary>The client connected to READY's <c>resume_gateway_url</c>.</summary>
    public bool IsResumeUrl => Path == FakeDiscordGateway.ResumePath;
    public DateTimeOffset OpenedAt { get; } = DateTimeOffset.UtcNow;
    /// <summary>The close code the client sent, if it sent a close frame.</summary>
    public int? ClientCloseStatus { get; private set; }
    /// <summary>Completes when the connection is over.</summary>
    public Task Ended => _ended.Task;

    public IReadOnlyList<ReceivedPayload> Received { get { lock (_received) return [.. _received]; } }
    /// <summary>Every payload the fake sent on this connection.</summary>
    public IReadOnlyList<JsonObject> Sent { get { lock (_sent) return [.. _sent]; } }
    /// <summary>The dispatches sent on this connection: (t, s).</summary>
    public IReadOnlyList<(string Type, int Sequence)> SentDispatches =>
        [.. Sent.Where(p => (int)p["op"]! == 0).Select(p => ((string)p["t"]!, (int)p["s"]!))];

    internal async Task SendAsync(string json, int? frameSize)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        await _sendLock.WaitAsync();
        try
        {
            var size = frameSize is int f and > 0 ? f : bytes.Length;
            for (var offset = 0; offset < bytes.Length; offset += size)
            {
                var count = Math.Min(size, bytes.Length - offset);
                await _socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, offset + count >= bytes.Length, CancellationToken.None);
            }
            lock (_sent) _sent.Add(JsonNode.Parse(json)!.AsObject());
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>The next payload, or null when the client closed the connection.</summary>
    internal async Task<ReceivedPayload?> ReceiveAsync()
    {
        using var message = new MemoryStream();
        var buffer = new byte[4096];
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                ClientCloseStatus = (int?)result.CloseStatus;
                try
                {
                    await _sendLock.WaitAsync();
                    try
                    {
                        if (_socket.State == WebSocketState.CloseReceived)
                            await _socket.CloseOutputAsync(result.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    }
                    finally
                    {
                        _sendLock.Release();
                    }
                }
                catch (WebSocketException)
                {
                }
                return null;
            }
            message.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        var node = JsonNode.Parse(message.ToArray())!;
        var payload = new ReceivedPayload(Index, (int)node["op"]!, node["d"]?.DeepClone(), DateTimeOffset.UtcNow, Interlocked.Increment(ref _order));
        lock (_received) _received.Add(payload);
        return payload;
    }

    internal async Task CloseAsync(int code, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            _sendLock.Release();
        }
    }

    internal void MarkEnded() => _ended.TrySetResult();

    internal void Abort()
    {
        if (Ended.IsCompleted) return;
        try
        {
            _context.Abort();
            _socket.Abort();
        }
        catch (ObjectDisposedException)
        {
            // It ended meanwhile.
        }
    }

    public override string ToString() => $"connection {Index} {Path}{Query}";
}

/// <summary>A payload the fake received: on which connection, its opcode and data, when.</summary>
public sealed record ReceivedPayload(int Connection, int Op, JsonNode? Data, DateTimeOffset At, long Order)
{
    public override string ToString()
    {
        var data = Data?.DeepClone();
        if (data is JsonObject o && o.ContainsKey("token")) o["token"] = "***";
        return $"[{Connection}] op {Op} {data?.ToJsonString() ?? "null"}";
    }
}
