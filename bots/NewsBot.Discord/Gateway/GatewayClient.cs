using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using static NewsBot.Discord.Gateway.GatewayPayloads;

namespace NewsBot.Discord.Gateway;

/// <summary>
/// A Discord Gateway (API v10) connection, written from Discord's documentation ("Gateway", "Gateway Events",
/// "Opcodes and Status Codes"): JSON text frames, no compression, one shard (<see cref="DiscordOptions.ShardId"/> of
/// <see cref="DiscordOptions.ShardCount"/>). It heartbeats, identifies, resumes after disconnects so that no event is
/// lost, starts a new session when the old one cannot be resumed, and stops only when cancelled or on a close code
/// that reconnecting cannot fix (<see cref="GatewayFatalException"/>).
/// </summary>
/// <remarks>
/// Dispatches are handed to <c>onDispatch</c> one at a time, in sequence order, from a queue that outlives each
/// connection: a slow handler neither delays heartbeat ACKs nor loses events on a reconnect. The token is never logged.
/// </remarks>
public sealed class GatewayClient : IAsyncDisposable
{
    /// <summary>GUILDS (1 &lt;&lt; 0) | GUILD_MESSAGES (1 &lt;&lt; 9) | DIRECT_MESSAGES (1 &lt;&lt; 12) | MESSAGE_CONTENT (1 &lt;&lt; 15) = 37377.</summary>
    public const int Intents = (1 << 0) | (1 << 9) | (1 << 12) | (1 << 15);
    public const int ApiVersion = 10;

    private readonly DiscordOptions _options;
    private readonly Func<CancellationToken, Task<GatewayEndpoint>> _getGateway;
    private readonly Func<GatewayDispatch, CancellationToken, Task> _onDispatch;
    private readonly TimeProvider _time;
    private readonly ILogger<GatewayClient> _log;
    private readonly GatewayTimings _timings;
    private readonly CancellationTokenSource _disposing = new();
    private TaskCompletionSource? _running;
    private int _disposed;

    private volatile string? _gatewayUrl;
    private volatile string? _sessionId;
    private volatile string? _resumeUrl;
    private volatile string? _botUserId;
    private volatile GatewayState _state = GatewayState.Disconnected;
    private int _sequence = -1;

    public GatewayClient(DiscordOptions options, Func<CancellationToken, Task<GatewayEndpoint>> getGateway,
        Func<GatewayDispatch, CancellationToken, Task> onDispatch, TimeProvider time, ILogger<GatewayClient> log, GatewayTimings? timings = null)
    {
        if (string.IsNullOrWhiteSpace(options.Token)) throw new ArgumentException("Discord:Token is required to connect to the gateway.", nameof(options));
        _options = options;
        _getGateway = getGateway;
        _onDispatch = onDispatch;
        _time = time;
        _log = log;
        _timings = timings ?? GatewayTimings.Default;
    }

    /// <summary>The session's id, from READY; null before it and after the session was dropped.</summary>
    public string? SessionId => _sessionId;
    /// <summary>The bot's user id, READY's <c>d.user.id</c>.</summary>
    public string? BotUserId => _botUserId;
    /// <summary>The last dispatch's sequence number (<c>s</c>): sent in heartbeats and RESUME.</summary>
    public int? LastSequence => Volatile.Read(ref _sequence) is var s and >= 0 ? s : null;
    public GatewayState State => _state;

    private enum Next { Resume, Identify, Stop }

    /// <param name="Wait">How long to wait before the next connection; null: immediately, or the backoff after failures.</param>
    /// <param name="ReachedReady">The connection got READY or RESUMED: the failure count starts over.</param>
    private sealed record Outcome(Next Next, string Reason, TimeSpan? Wait = null, bool ReachedReady = false);

    /// <summary>
    /// Connects, and reconnects, until <paramref name="ct"/> is cancelled (then returns after closing the connection
    /// with 1000, which ends the session and shows the bot offline) or a fatal close code (then throws
    /// <see cref="GatewayFatalException"/>, whose message says what to fix).
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _running, running, null) is not null)
            throw new InvalidOperationException("This GatewayClient is already running.");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, _disposing.Token);
        var token = stop.Token;
        var dispatches = Channel.CreateUnbounded<GatewayDispatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var consumer = ConsumeAsync(dispatches.Reader, token);
        try
        {
            var failures = 0;
            var resumeUrlFailed = false;
            while (!token.IsCancellationRequested)
            {
                Outcome outcome;
                if (_sessionId is { } sessionId && _resumeUrl is { } resumeUrl && LastSequence is int sequence)
                {
                    // "Gateway" › "Disconnecting" › "Handling a Disconnect": resume on resume_gateway_url; if that
                    // reconnect fails, open the next connection on the URL from Get Gateway Bot (still trying RESUME:
                    // the gateway answers INVALID_SESSION if the session cannot be resumed there).
                    var url = resumeUrlFailed && _gatewayUrl is { } gatewayUrl ? gatewayUrl : resumeUrl;
                    (outcome, var connected) = await RunConnectionAsync(url, (sessionId, sequence), dispatches.Writer, token);
                    resumeUrlFailed = !connected && !resumeUrlFailed;
                }
                else
                {
                    var url = await PrepareIdentifyAsync(token);
                    outcome = url is null
                        ? new Outcome(Next.Identify, "Discord did not tell the gateway URL (GET /gateway/bot failed)")
                        : (await RunConnectionAsync(url, null, dispatches.Writer, token)).Outcome;
                }
                if (outcome.Next == Next.Stop || token.IsCancellationRequested) break;
                if (outcome.Next == Next.Identify) DropSession();
                failures = outcome.ReachedReady ? 0 : failures + 1;
                var wait = Max(outcome.Wait ?? TimeSpan.Zero, failures == 0 ? TimeSpan.Zero : Backoff(failures));
                _log.LogInformation("Reconnecting to the Discord gateway in {Seconds:0.0} s to {Action}: {Reason}",
                    wait.TotalSeconds, outcome.Next == Next.Resume && _sessionId is not null ? "resume the session" : "start a new session", outcome.Reason);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        finally
        {
            if (token.IsCancellationRequested) _log.LogInformation("Disconnected from the Discord gateway: NewsBot is stopping");
            _state = GatewayState.Disconnected;
            dispatches.Writer.TryComplete();
            await consumer;
            Volatile.Write(ref _running, null);
            running.TrySetResult();
        }
    }

    /// <summary>Stops <see cref="RunAsync"/> if it runs, and waits for it to close the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _disposing.CancelAsync();
        if (Volatile.Read(ref _running) is { } running) await running.Task;
        _disposing.Dispose();
    }

    private async Task ConsumeAsync(ChannelReader<GatewayDispatch> reader, CancellationToken ct)
    {
        try
        {
            await foreach (var dispatch in reader.ReadAllAsync(ct))
            {
                try
                {
                    await _onDispatch(dispatch, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    _log.LogError(ex, "Handling the Discord {Event} event (sequence {Sequence}) failed", dispatch.Type, dispatch.Sequence);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Before an IDENTIFY: asks for the gateway URL and the session start limit ("Gateway" › "Get Gateway Bot",
    /// "Session Start Limit Object"); waits for the limit to reset when no session start remains (exceeding it resets
    /// the bot's token: "Gateway" › "Identifying"), then for this shard's max_concurrency bucket ("Sharding" › "Max
    /// Concurrency": one IDENTIFY per 5 s per <c>shard_id % max_concurrency</c>). Null when the REST call failed.
    /// </summary>
    private async Task<string?> PrepareIdentifyAsync(CancellationToken ct)
    {
        GatewayEndpoint endpoint;
        try
        {
            endpoint = await _getGateway(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            _log.LogWarning("Could not get the gateway URL from Discord (GET /gateway/bot): {Error}", ex.Message);
            return null;
        }
        _gatewayUrl = endpoint.Url;
        if (endpoint.Remaining <= 0)
        {
            var reset = TimeSpan.FromMilliseconds(Math.Max(0, endpoint.ResetAfterMilliseconds));
            _log.LogWarning("Discord's session start limit is used up: waiting {Wait} for it to reset before identifying", reset);
            await Task.Delay(reset, _time, ct);
        }
        var bucket = _options.ShardId % Math.Max(1, endpoint.MaxConcurrency);
        var slot = IdentifyLimiter.Reserve(_options.Token!, bucket, _timings.IdentifyInterval, _time);
        if (slot > TimeSpan.Zero)
        {
            _log.LogDebug("Waiting {Wait} before identifying: one IDENTIFY per {Interval} in max_concurrency bucket {Bucket}", slot, _timings.IdentifyInterval, bucket);
            await Task.Delay(slot, _time, ct);
        }
        return endpoint.Url;
    }

    private void DropSession()
    {
        _sessionId = null;
        _resumeUrl = null;
        Volatile.Write(ref _sequence, -1);
    }

    private TimeSpan Backoff(int failures)
    {
        // 1 s, 2 s, 4 s, … up to 60 s; "equal jitter": a random point in the upper half.
        var initial = _timings.ReconnectInitialBackoff.TotalMilliseconds;
        var cap = Math.Min(_timings.ReconnectMaxBackoff.TotalMilliseconds, initial * Math.Pow(2, Math.Min(failures - 1, 30)));
        return TimeSpan.FromMilliseconds(cap / 2 + _timings.Random() * cap / 2);
    }

    private TimeSpan InvalidSessionWait()
    {
        var min = _timings.InvalidSessionMinWait;
        return min + (_timings.InvalidSessionMaxWait - min) * _timings.Random();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>The URL to open: <paramref name="url"/> (from Get Gateway Bot, or READY's resume_gateway_url) with <c>?v=10&amp;encoding=json</c>.</summary>
    public static Uri GatewayUri(string url)
    {
        // "Gateway" › "Connecting": pass the API version and encoding explicitly; resume_gateway_url takes the same ones.
        var builder = new UriBuilder(url) { Query = $"v={ApiVersion}&encoding=json" };
        builder.Scheme = builder.Scheme switch { "https" => "wss", "http" => "ws", var s => s };
        if (builder.Uri.IsDefaultPort) builder.Port = -1;
        return builder.Uri;
    }

    /// <returns>What to do next, and whether the WebSocket connection opened at all.</returns>
    private async Task<(Outcome Outcome, bool Connected)> RunConnectionAsync(string url, (string SessionId, int Sequence)? resume,
        ChannelWriter<GatewayDispatch> dispatches, CancellationToken ct)
    {
        // Anything short of a close code or an INVALID_SESSION that ends the session: resume if there is a session.
        var next = Next.Resume;
        Uri uri;
        try
        {
            uri = GatewayUri(url);
        }
        catch (UriFormatException)
        {
            return (new Outcome(next, $"the gateway URL \"{url}\" is not a URL"), false);
        }
        _state = GatewayState.Connecting;
        using var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(uri, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            _state = GatewayState.Disconnected;
            return (new Outcome(next, $"could not connect to {uri.Host}: {ex.Message}"), false);
        }
        _log.LogInformation("Connected to the Discord gateway at {Host}", uri.Host);
        await using var connection = new Connection(this, socket, resume, dispatches, ct);
        try
        {
            return (await connection.RunAsync(), true);
        }
        finally
        {
            if (_state != GatewayState.Disconnected) _state = GatewayState.Disconnected;
        }
    }

    /// <summary>One WebSocket connection: from HELLO to its close.</summary>
    private sealed class Connection : IAsyncDisposable
    {
        private readonly GatewayClient _client;
        private readonly ClientWebSocket _socket;
        private readonly (string SessionId, int Sequence)? _resume;
        private readonly ChannelWriter<GatewayDispatch> _dispatches;
        private readonly CancellationToken _stop;
        private readonly CancellationTokenSource _abort = new();
        private readonly CancellationTokenRegistration _onStop;
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private Outcome? _planned;
        private Task? _heartbeat;
        private ITimer? _helloTimeout;
        private bool _acknowledged = true;
        private bool _reachedReady;
        private int _replayed;

        public Connection(GatewayClient client, ClientWebSocket socket, (string, int)? resume, ChannelWriter<GatewayDispatch> dispatches, CancellationToken stop)
        {
            _client = client;
            _socket = socket;
            _resume = resume;
            _dispatches = dispatches;
            _stop = stop;
            // "Gateway" › "Initiating a Disconnect": closing with 1000 ends the session and shows the bot offline at once;
            // the right thing when NewsBot stops (and only then).
            _onStop = stop.Register(() => Abandon(new Outcome(Next.Stop, "shutting down"), WebSocketCloseStatus.NormalClosure));
        }

        private ILogger Log => _client._log;

        public async Task<Outcome> RunAsync()
        {
            _helloTimeout = _client._time.CreateTimer(_ => Abandon(new Outcome(Next.Resume,
                $"no HELLO within {_client._timings.HelloTimeout.TotalSeconds:0.#} s of connecting"), (WebSocketCloseStatus)GatewayCloseCodes.UnknownError), null, _client._timings.HelloTimeout, Timeout.InfiniteTimeSpan);
            var buffer = new ArrayBufferWriter<byte>(16 * 1024);
            try
            {
                while (true)
                {
                    buffer.ResetWrittenCount();
                    ValueWebSocketReceiveResult frame;
                    do
                    {
                        // A message may span several frames: read until EndOfMessage.
                        frame = await _socket.ReceiveAsync(buffer.GetMemory(8 * 1024), _abort.Token);
                        if (frame.MessageType == WebSocketMessageType.Close) return await OnClosedAsync();
                        buffer.Advance(frame.Count);
                    } while (!frame.EndOfMessage);
                    var outcome = await HandleAsync(buffer.WrittenMemory);
                    if (outcome is not null) return outcome;
                }
            }
            catch (Exception ex) when (ex is not GatewayFatalException)
            {
                if (Volatile.Read(ref _planned) is { } planned) return planned with { ReachedReady = _reachedReady };
                if (_stop.IsCancellationRequested) return new Outcome(Next.Stop, "shutting down");
                // "Resuming": disconnected without any close code → resume.
                return new Outcome(Next.Resume, $"the connection was lost ({ex.Message})", ReachedReady: _reachedReady);
            }
        }

        /// <summary>Handles one payload; returns an outcome when the connection is to end.</summary>
        private async Task<Outcome?> HandleAsync(ReadOnlyMemory<byte> message)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(message);
            }
            catch (JsonException ex)
            {
                Log.LogWarning("Ignored a gateway payload that is not JSON: {Error}", ex.Message);
                return null;
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("op", out var opElement) || !opElement.TryGetInt32(out var op))
                {
                    Log.LogWarning("Ignored a gateway payload without an opcode");
                    return null;
                }
                var data = root.TryGetProperty("d", out var d) ? d : default;
                switch (op)
                {
                    case OpHello:
                        await OnHelloAsync(data);
                        return null;
                    case OpHeartbeatAck:
                        Volatile.Write(ref _acknowledged, true);
                        return null;
                    case OpHeartbeat:
                        // "Sending Heartbeats" › "Heartbeat Requests": answer at once, without waiting for the interval.
                        await SendHeartbeatAsync(_abort.Token);
                        return null;
                    case OpDispatch:
                        OnDispatch(root, data);
                        return null;
                    case OpReconnect:
                        // "Resuming", case 1: RECONNECT → reconnect and resume.
                        return await EndAsync(new Outcome(Next.Resume, "Discord asked to reconnect (op 7 RECONNECT)", ReachedReady: _reachedReady));
                    case OpInvalidSession:
                        // "Gateway Events" › "Invalid Session": d tells whether the session may be resumed. Either way,
                        // wait a random 1–5 s first (the wait the docs prescribe before a fresh IDENTIFY; it also
                        // spaces retries when IDENTIFYs were rate limited, which is answered with this op too).
                        var resumable = data.ValueKind == JsonValueKind.True;
                        return await EndAsync(new Outcome(resumable ? Next.Resume : Next.Identify,
                            resumable ? "Discord invalidated the session, which may be resumed (op 9 INVALID_SESSION, d true)"
                                      : "Discord invalidated the session (op 9 INVALID_SESSION, d false)",
                            _client.InvalidSessionWait(), _reachedReady));
                    default:
                        Log.LogDebug("Ignored gateway opcode {Op}", op);
                        return null;
                }
            }
        }

        private async Task OnHelloAsync(JsonElement data)
        {
            if (_heartbeat is not null) return;
            _helloTimeout?.Dispose();
            var interval = TimeSpan.FromMilliseconds(data.ValueKind == JsonValueKind.Object && data.TryGetProperty("heartbeat_interval", out var ms) && ms.TryGetDouble(out var value) && value > 0 ? value : 41_250);
            _heartbeat = HeartbeatAsync(interval);
            var options = _client._options;
            if (_resume is { } resume)
            {
                _client._state = GatewayState.Resuming;
                Log.LogInformation("Resuming the Discord gateway session after sequence {Sequence}", resume.Sequence);
                await SendAsync(Resume(options.Token!, resume.SessionId, resume.Sequence), _abort.Token);
            }
            else
            {
                _client._state = GatewayState.Identifying;
                Log.LogInformation("Identifying to the Discord gateway as shard [{ShardId}, {ShardCount}]", options.ShardId, options.ShardCount);
                await SendAsync(Identify(options.Token!, Intents, options.ShardId, options.ShardCount), _abort.Token);
            }
        }

        private void OnDispatch(JsonElement root, JsonElement data)
        {
            var type = root.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            if (root.TryGetProperty("s", out var s) && s.TryGetInt32(out var sequence))
                Volatile.Write(ref _client._sequence, sequence); // "Dispatch Events": cache the latest non-null s.
            else
                sequence = _client.LastSequence ?? 0;
            switch (type)
            {
                case "READY":
                    // "Ready event": cache session_id and resume_gateway_url to resume later.
                    _client._sessionId = Text(data, "session_id");
                    _client._resumeUrl = Text(data, "resume_gateway_url");
                    var user = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("user", out var u) ? u : default;
                    _client._botUserId = Text(user, "id");
                    _client._state = GatewayState.Ready;
                    _reachedReady = true;
                    Log.LogInformation("Discord gateway ready: identified as {Username} (user id {UserId}) on shard [{ShardId}, {ShardCount}]",
                        Text(user, "username"), _client._botUserId, _client._options.ShardId, _client._options.ShardCount);
                    break;
                case "RESUMED":
                    // "Resuming": the missed events came first, in order; RESUMED ends the replay.
                    _client._state = GatewayState.Ready;
                    _reachedReady = true;
                    Log.LogInformation("Resumed the Discord gateway session: {Count} missed events replayed", _replayed);
                    break;
                default:
                    if (_client._state == GatewayState.Resuming) _replayed++;
                    break;
            }
            _dispatches.TryWrite(new GatewayDispatch(type, data.ValueKind == JsonValueKind.Undefined ? default : data.Clone(), sequence));
        }

        private static string? Text(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        /// <summary>
        /// "Sending Heartbeats" › "Heartbeat Interval": the first heartbeat after <c>heartbeat_interval * jitter</c>
        /// (jitter random in [0, 1)), then one every interval. No ACK since the previous heartbeat when the next is due:
        /// a zombied connection, closed with a code other than 1000/1001 (so the session stays resumable), then resumed.
        /// </summary>
        private async Task HeartbeatAsync(TimeSpan interval)
        {
            var token = _abort.Token;
            try
            {
                await Task.Delay(interval * _client._timings.Random(), _client._time, token);
                while (!token.IsCancellationRequested)
                {
                    if (!Volatile.Read(ref _acknowledged))
                    {
                        Abandon(new Outcome(Next.Resume, "no heartbeat ACK since the last heartbeat (zombied connection)"),
                            (WebSocketCloseStatus)GatewayCloseCodes.UnknownError);
                        return;
                    }
                    await SendHeartbeatAsync(token);
                    await Task.Delay(interval, _client._time, token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
                // The connection ended; the receive loop tells why.
            }
        }

        private Task SendHeartbeatAsync(CancellationToken ct)
        {
            Volatile.Write(ref _acknowledged, false);
            return SendAsync(Heartbeat(_client.LastSequence), ct);
        }

        /// <summary>Ends the connection from another thread: sends a close frame, then aborts the pending receive.</summary>
        private void Abandon(Outcome outcome, WebSocketCloseStatus status)
        {
            if (Interlocked.CompareExchange(ref _planned, outcome, null) is not null) return;
            _ = Task.Run(async () =>
            {
                await CloseAsync(status, outcome.Next == Next.Stop ? "NewsBot is shutting down" : "reconnecting");
                try { await _abort.CancelAsync(); } catch (ObjectDisposedException) { }
            });
        }

        /// <summary>Ends the connection from the receive loop: closes with 4000, keeping the session resumable.</summary>
        private async Task<Outcome> EndAsync(Outcome outcome)
        {
            Interlocked.CompareExchange(ref _planned, outcome, null);
            await CloseAsync((WebSocketCloseStatus)GatewayCloseCodes.UnknownError, "reconnecting");
            return outcome;
        }

        /// <summary>The gateway sent a close frame: what its code asks for.</summary>
        private async Task<Outcome> OnClosedAsync()
        {
            var code = (int?)_socket.CloseStatus;
            var description = _socket.CloseStatusDescription;
            if (Volatile.Read(ref _planned) is { } planned)
                return planned with { ReachedReady = _reachedReady }; // the answer to our own close
            // Answer the close; never with 1000/1001, which would end a session we may still resume.
            await CloseAsync(code is int c and >= 3000 and < 5000 ? (WebSocketCloseStatus)c : (WebSocketCloseStatus)GatewayCloseCodes.UnknownError, "");
            var what = $"Discord closed the connection with code {code?.ToString() ?? "(none)"}{(string.IsNullOrEmpty(description) ? "" : $" ({description})")}";
            switch (GatewayCloseCodes.Classify(code))
            {
                case GatewayCloseCodes.Action.Fatal:
                    var message = GatewayCloseCodes.FatalMessage(code!.Value, _client._options);
                    Log.LogError("{What}; not reconnecting. {Message}", what, message);
                    throw new GatewayFatalException(code.Value, message);
                case GatewayCloseCodes.Action.NewSession:
                    return new Outcome(Next.Identify, what + ": the session cannot be resumed", ReachedReady: _reachedReady);
                default:
                    return new Outcome(Next.Resume, what, ReachedReady: _reachedReady);
            }
        }

        private async Task SendAsync(byte[] payload, CancellationToken ct)
        {
            await _sendLock.WaitAsync(ct);
            try
            {
                await _socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, ct);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        /// <summary>Sends a close frame without waiting for the answer (a zombied peer may never answer); best effort.</summary>
        private async Task CloseAsync(WebSocketCloseStatus status, string reason)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _sendLock.WaitAsync(timeout.Token);
                try
                {
                    if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                        await _socket.CloseOutputAsync(status, reason, timeout.Token);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _onStop.DisposeAsync();
            _helloTimeout?.Dispose();
            await _abort.CancelAsync();
            if (_heartbeat is not null) await _heartbeat;
            _abort.Dispose();
        }
    }
}
