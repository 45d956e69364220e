using System.Text.Json;

namespace NewsBot.Discord.Gateway;

/// <summary>One dispatch (op 0) event: its name (<c>t</c>), its data (<c>d</c>) and sequence number (<c>s</c>).</summary>
/// <remarks><see cref="Data"/> is a standalone clone: it stays valid after the handler returns.</remarks>
public sealed record GatewayDispatch(string Type, JsonElement Data, int Sequence);

/// <summary>
/// What <c>GET /gateway/bot</c> answered: the WebSocket URL to connect to (cached by the client and used for every new
/// session; resumes use READY's <c>resume_gateway_url</c>), and the session start limit object's
/// <c>remaining</c>, <c>reset_after</c> (ms) and <c>max_concurrency</c>.
/// </summary>
public sealed record GatewayEndpoint(string Url, int Remaining, int ResetAfterMilliseconds, int MaxConcurrency);

/// <summary>
/// The gateway closed the connection with a code that reconnecting cannot fix (4004, 4010–4014): the message says
/// what to change. <see cref="GatewayClient.RunAsync"/> throws it and does not reconnect.
/// </summary>
public sealed class GatewayFatalException(int closeCode, string message) : Exception(message)
{
    public int CloseCode { get; } = closeCode;
}

public enum GatewayState
{
    Disconnected,
    Connecting,
    /// <summary>HELLO received, IDENTIFY sent, waiting for READY.</summary>
    Identifying,
    /// <summary>HELLO received, RESUME sent, waiting for the replay to end with RESUMED.</summary>
    Resuming,
    Ready,
}

/// <summary>
/// The waits the gateway documentation prescribes, overridable so tests run fast. Defaults: INVALID_SESSION waits a
/// random 1–5 s; failed connections back off from 1 s, doubling up to 60 s, with jitter; one IDENTIFY per 5 s per
/// max_concurrency bucket; HELLO must come within 30 s of connecting.
/// </summary>
public sealed record GatewayTimings
{
    public TimeSpan InvalidSessionMinWait { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan InvalidSessionMaxWait { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan ReconnectInitialBackoff { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan ReconnectMaxBackoff { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Least time between two IDENTIFYs of one max_concurrency bucket (Discord: 5 s).</summary>
    public TimeSpan IdentifyInterval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>A connection whose HELLO does not arrive within this time is dropped and retried.</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Random numbers in [0, 1): heartbeat jitter, INVALID_SESSION wait, backoff jitter.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    public static GatewayTimings Default { get; } = new();
}
