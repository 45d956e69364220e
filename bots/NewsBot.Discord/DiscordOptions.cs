namespace NewsBot.Discord;

/// <summary>
/// Configuration section <c>Discord</c>. The bot runs inside <c>newsbot serve</c> when <see cref="Token"/> is set
/// (<c>NEWSBOT__DISCORD__TOKEN</c> or user secrets; never logged). Pointing <see cref="ApiBaseUrl"/> at another server
/// is enough to run the whole bot against it: the gateway's address comes from <c>GET {ApiBaseUrl}/gateway/bot</c>.
/// </summary>
public sealed class DiscordOptions
{
    public const string Section = "Discord";

    /// <summary>The bot's token, from the Developer Portal's Bot page.</summary>
    public string? Token { get; set; }
    /// <summary>The application's id (a snowflake): slash commands are registered under it.</summary>
    public string? ApplicationId { get; set; }
    /// <summary>When set, slash commands are registered in this guild only (they appear at once there); else globally.</summary>
    public string? GuildId { get; set; }
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";
    /// <summary>The application's public key (hex), to check the signatures of the HTTP interactions endpoint.</summary>
    public string? PublicKey { get; set; }
    public int ShardId { get; set; }
    public int ShardCount { get; set; } = 1;
    /// <summary>Least time between two questions from one user; sooner, an ephemeral "slow down" answer.</summary>
    public int CooldownSeconds { get; set; } = 5;

    public bool Enabled => !string.IsNullOrWhiteSpace(Token);

    public IEnumerable<string> Validate()
    {
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("https" or "http"))
            yield return $"Discord:ApiBaseUrl must be an absolute http(s) URL (it is \"{ApiBaseUrl}\").";
        if (Enabled && !IsSnowflake(ApplicationId))
            yield return "Discord:ApplicationId is required when Discord:Token is set: the application's id from the Developer Portal (digits).";
        if (GuildId is { Length: > 0 } && !IsSnowflake(GuildId)) yield return $"Discord:GuildId must be a guild id (digits) or empty (it is \"{GuildId}\").";
        if (PublicKey is { Length: > 0 } key && (key.Length != 64 || !key.All(Uri.IsHexDigit)))
            yield return "Discord:PublicKey must be the application's public key: 64 hex characters from the Developer Portal's General Information page.";
        if (ShardCount < 1 || ShardId < 0 || ShardId >= ShardCount)
            yield return $"Discord:ShardId must be between 0 and Discord:ShardCount - 1, and ShardCount at least 1 (they are {ShardId} and {ShardCount}).";
        if (CooldownSeconds is < 0 or > 3600) yield return $"Discord:CooldownSeconds must be between 0 and 3600 (it is {CooldownSeconds}).";
    }

    private static bool IsSnowflake(string? value) => value is { Length: > 0 and <= 20 } && value.All(char.IsAsciiDigit);
}
