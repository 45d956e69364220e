namespace NewsBot.Discord.Rest;

/// <summary>The answer of <c>GET /gateway/bot</c>: where to connect, how many shards Discord recommends, and how many sessions may still start.</summary>
public sealed record GatewayBotInfo(string Url, int Shards, SessionStartLimit SessionStartLimit);

/// <summary>
/// How many gateway sessions the bot may still start (IDENTIFY) before <see cref="ResetAfter"/> milliseconds pass,
/// and how many may IDENTIFY at once (<see cref="MaxConcurrency"/>, every 5 s).
/// </summary>
public sealed record SessionStartLimit(int Total, int Remaining, int ResetAfter, int MaxConcurrency);
