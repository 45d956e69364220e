namespace NewsBot.Web;

/// <summary>Configuration section <c>Web</c>: the HTTP API's limits and who may embed the widget.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>Longer questions get 400.</summary>
    public int MaxQuestionLength { get; set; } = 1000;
    /// <summary>Request bodies larger than this get 400 before they are read in full.</summary>
    public int MaxBodyBytes { get; set; } = 16 * 1024;
    /// <summary>Questions (and feedback) per client address per minute; past it, 429 with Retry-After.</summary>
    public int PermitsPerMinute { get; set; } = 30;
    /// <summary>How many of those a client may spend at once.</summary>
    public int Burst { get; set; } = 10;
    /// <summary>Origins of the sites allowed to embed the widget (CORS), e.g. "https://news.example.com". The server's own origin always is.</summary>
    public string[] AllowedOrigins { get; set; } = [];
    /// <summary>
    /// Key for maintainers' endpoints (<c>GET /api/feedback/summary</c>), sent as <c>X-Api-Key</c>. Without one, those
    /// endpoints answer only requests from this machine. Set it with <c>NEWSBOT__WEB__MAINTAINERKEY</c> or user secrets.
    /// </summary>
    public string? MaintainerKey { get; set; }
    /// <summary>Trust X-Forwarded-For from a reverse proxy on this machine, so rate limits apply per reader, not per proxy.</summary>
    public bool BehindProxy { get; set; }

    public IEnumerable<string> Validate()
    {
        if (MaxQuestionLength is < 10 or > 100_000) yield return $"Web:MaxQuestionLength must be between 10 and 100000 (it is {MaxQuestionLength}).";
        if (MaxBodyBytes < MaxQuestionLength * 4 + 1024 || MaxBodyBytes > 10_000_000) yield return $"Web:MaxBodyBytes must be at least 4 × MaxQuestionLength + 1024 and at most 10000000 (it is {MaxBodyBytes}).";
        if (PermitsPerMinute is < 1 or > 1_000_000) yield return $"Web:PermitsPerMinute must be between 1 and 1000000 (it is {PermitsPerMinute}).";
        if (Burst < 1 || Burst > PermitsPerMinute) yield return $"Web:Burst must be between 1 and Web:PermitsPerMinute (it is {Burst}).";
        foreach (var origin in AllowedOrigins)
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || origin.EndsWith('/'))
                yield return $"Web:AllowedOrigins: \"{origin}\" is not an origin; write it as scheme://host[:port], e.g. https://news.example.com.";
    }
}
