using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using NewsBot.Teams.Protocol;

namespace NewsBot.Teams.Connector;

/// <summary>
/// Tokens for the bot's replies: Entra ID's client-credentials grant for the Bot Connector's scope, cached until
/// five minutes before they expire and shared by every reply. None in anonymous local-development mode.
/// </summary>
public sealed class BotTokenProvider(HttpClient http, TeamsOptions options, TimeProvider time, ILogger<BotTokenProvider> log)
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _cached;

    public Uri TokenEndpoint => new($"{options.LoginUrl.TrimEnd('/')}/{Uri.EscapeDataString(options.TenantId)}/oauth2/v2.0/token");

    /// <summary>A bearer token for the Bot Connector, or null when the bot runs without an app id.</summary>
    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (options.IsAnonymous) return null;
        if (Fresh() is { } token) return token;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return Fresh() ?? await RequestAsync(cancellationToken);
        }
        finally { _gate.Release(); }
    }

    /// <summary>Drops the cached token (the connector said 401: revoked, or the secret was rotated).</summary>
    public void Invalidate() => _cached = null;

    private string? Fresh() => _cached is { } c && time.GetUtcNow() < c.ExpiresAt - RenewBefore ? c.Token : null;

    private async Task<string> RequestAsync(CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = options.AppId!,
            ["client_secret"] = options.AppPassword ?? "",
            ["scope"] = options.OAuthScope,
        });
        using var response = await http.PostAsync(TokenEndpoint, form, cancellationToken);
        var body = await ReadAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode || string.IsNullOrEmpty(body.AccessToken))
        {
            // Entra ID's error text names the problem (wrong secret, unknown app, wrong tenant) and never echoes the secret.
            var reason = body.ErrorDescription?.Split('\n', 2)[0].Trim() ?? $"HTTP {(int)response.StatusCode}";
            throw new ConnectorException(response.StatusCode == HttpStatusCode.OK ? HttpStatusCode.BadGateway : response.StatusCode, body.Error,
                $"Entra ID refused the bot's credentials ({body.Error ?? "no token"}: {reason}). Check Teams:AppId, Teams:AppPassword and Teams:TenantId.");
        }
        var lifetime = TimeSpan.FromSeconds(Math.Max(body.ExpiresIn, 60));
        _cached = (body.AccessToken, time.GetUtcNow() + lifetime);
        log.LogInformation("Got a Bot Connector token from Entra ID, valid for {Minutes:F0} min", lifetime.TotalMinutes);
        return body.AccessToken;
    }

    private static async Task<TokenResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try { return await response.Content.ReadFromJsonAsync(TeamsJsonContext.Default.TokenResponse, cancellationToken) ?? new TokenResponse(); }
        catch (System.Text.Json.JsonException) { return new TokenResponse(); } // a proxy's HTML error page, say
    }
}

/// <summary>Entra ID's token response (and its error form).</summary>
public sealed class TokenResponse
{
    [JsonPropertyName("access_token")] public string? AccessToken { get; set; }
    [JsonPropertyName("expires_in")] public int ExpiresIn { get; set; }
    [JsonPropertyName("error")] public string? Error { get; set; }
    [JsonPropertyName("error_description")] public string? ErrorDescription { get; set; }
}
