namespace NewsBot.Discord.Gateway;

/// <summary>
/// What to do when the gateway closes the connection, by close code. Source: Discord's "Opcodes and Status Codes",
/// section "Gateway Close Event Codes" (the Reconnect column), and "Gateway", sections "Handling a Disconnect" and
/// "Resuming" (a disconnect without any close code resumes).
/// </summary>
public static class GatewayCloseCodes
{
    public const int UnknownError = 4000;
    public const int UnknownOpcode = 4001;
    public const int DecodeError = 4002;
    public const int NotAuthenticated = 4003;
    public const int AuthenticationFailed = 4004;
    public const int AlreadyAuthenticated = 4005;
    public const int InvalidSequence = 4007;
    public const int RateLimited = 4008;
    public const int SessionTimedOut = 4009;
    public const int InvalidShard = 4010;
    public const int ShardingRequired = 4011;
    public const int InvalidApiVersion = 4012;
    public const int InvalidIntents = 4013;
    public const int DisallowedIntents = 4014;

    public enum Action { Resume, NewSession, Fatal }

    public static Action Classify(int? code) => code switch
    {
        // Reconnect: false. Reconnecting would loop forever on the same error.
        AuthenticationFailed or InvalidShard or ShardingRequired or InvalidApiVersion or InvalidIntents or DisallowedIntents => Action.Fatal,
        // "Reconnect and start a new session" (4007 Invalid seq, 4009 Session timed out).
        InvalidSequence or SessionTimedOut => Action.NewSession,
        // 4000–4003, 4005, 4008, any other code, 1000/1001 sent by the server, or no close code at all: reconnect and
        // try to RESUME. If the session is gone after all, the gateway answers INVALID_SESSION (d false) and we identify.
        _ => Action.Resume,
    };

    /// <summary>For the fatal codes: what the operator has to fix.</summary>
    public static string FatalMessage(int code, DiscordOptions options) => code switch
    {
        AuthenticationFailed =>
            "Discord rejected the bot token: check Discord:Token (close code 4004). Copy it again from the Developer Portal's Bot page; resetting it there invalidates the old one.",
        InvalidShard =>
            $"Discord rejected the shard [{options.ShardId}, {options.ShardCount}] (close code 4010): check Discord:ShardId and Discord:ShardCount.",
        ShardingRequired =>
            "Discord requires sharding: the bot is in too many guilds for one connection (close code 4011). Set Discord:ShardCount (GET /gateway/bot recommends a number of shards) and run one NewsBot per Discord:ShardId.",
        InvalidApiVersion =>
            "Discord rejected the gateway API version this NewsBot speaks (v10) (close code 4012): update NewsBot.",
        InvalidIntents =>
            $"Discord rejected the gateway intents {GatewayClient.Intents} as invalid (close code 4013): a NewsBot bug, please report it.",
        DisallowedIntents =>
            "Discord refused a privileged intent (close code 4014): enable the Message Content intent in the Developer Portal (Bot → Privileged Gateway Intents). Verified bots in 100 or more servers must also be approved for it.",
        _ => $"The Discord gateway closed the connection with code {code}.",
    };
}
