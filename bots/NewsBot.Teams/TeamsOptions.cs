namespace NewsBot.Teams;

/// <summary>
/// Configuration section <c>Teams</c>: the bot's Azure registration (app id, secret, tenant) and the Bot Framework
/// endpoints it trusts and calls. With <see cref="AppId"/> empty the bot runs in anonymous local-development mode
/// (no tokens either way), as the Bot Framework SDK does; then it only talks to connectors on this machine.
/// The secret comes from <c>NEWSBOT__TEAMS__APPPASSWORD</c> or user secrets, and is never logged.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>The Microsoft App ID of the Azure Bot registration; the audience inbound tokens must name.</summary>
    public string? AppId { get; set; }
    /// <summary>The client secret of that app registration; used to get tokens for replies.</summary>
    public string? AppPassword { get; set; }
    /// <summary>The Entra ID tenant that issues reply tokens: the bot's tenant for a single-tenant bot, "botframework.com" for a multi-tenant one.</summary>
    public string TenantId { get; set; } = "botframework.com";

    /// <summary>Where the Bot Connector publishes its signing keys (OpenID metadata).</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    /// <summary>The issuer inbound tokens must carry.</summary>
    public string TokenIssuer { get; set; } = "https://api.botframework.com";
    /// <summary>How much clock difference an inbound token's lifetime may have.</summary>
    public int ClockSkewSeconds { get; set; } = 300;
    /// <summary>Entra ID's authority host; the token endpoint is {LoginUrl}/{TenantId}/oauth2/v2.0/token.</summary>
    public string LoginUrl { get; set; } = "https://login.microsoftonline.com";
    /// <summary>The scope reply tokens are asked for.</summary>
    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Requests a second to the Bot Connector for one tenant (Teams allows about 50 per app per tenant).</summary>
    public int MaxRequestsPerSecond { get; set; } = 50;
    /// <summary>Retries of a reply the connector answered with 429 or 5xx (honouring Retry-After).</summary>
    public int MaxRetries { get; set; } = 4;
    /// <summary>Least time between two streaming updates in personal chat.</summary>
    public int StreamIntervalMilliseconds { get; set; } = 1000;
    /// <summary>Inbound activities larger than this get 413 before they are read in full.</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>True when no app id is configured: inbound requests are not authenticated, replies carry no token.</summary>
    public bool IsAnonymous => string.IsNullOrWhiteSpace(AppId);

    public IEnumerable<string> Validate()
    {
        if (!IsAnonymous && !Guid.TryParse(AppId, out _))
            yield return $"Teams:AppId must be the Azure Bot's Microsoft App ID, a GUID (it is \"{AppId}\"); leave it empty for local development.";
        if (!IsAnonymous && string.IsNullOrWhiteSpace(AppPassword))
            yield return "Teams:AppPassword is required when Teams:AppId is set: give the app registration's client secret (NEWSBOT__TEAMS__APPPASSWORD or user secrets).";
        if (string.IsNullOrWhiteSpace(TenantId)) yield return "Teams:TenantId must not be empty: use your tenant id for a single-tenant bot, \"botframework.com\" for a multi-tenant one.";
        foreach (var (key, value) in new[] { ("OpenIdMetadataUrl", OpenIdMetadataUrl), ("LoginUrl", LoginUrl) })
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                yield return $"Teams:{key} must be an absolute http(s) URL (it is \"{value}\").";
        if (ClockSkewSeconds is < 0 or > 3600) yield return $"Teams:ClockSkewSeconds must be between 0 and 3600 (it is {ClockSkewSeconds}).";
        if (MaxRequestsPerSecond is < 1 or > 1000) yield return $"Teams:MaxRequestsPerSecond must be between 1 and 1000 (it is {MaxRequestsPerSecond}).";
        if (MaxRetries is < 0 or > 10) yield return $"Teams:MaxRetries must be between 0 and 10 (it is {MaxRetries}).";
        if (StreamIntervalMilliseconds is < 0 or > 60_000) yield return $"Teams:StreamIntervalMilliseconds must be between 0 and 60000 (it is {StreamIntervalMilliseconds}).";
        if (MaxActivityBytes is < 4096 or > 10_000_000) yield return $"Teams:MaxActivityBytes must be between 4096 and 10000000 (it is {MaxActivityBytes}).";
    }
}
