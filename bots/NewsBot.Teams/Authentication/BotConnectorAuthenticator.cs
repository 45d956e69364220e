using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NewsBot.Teams.Authentication;

/// <summary>
/// Authenticates requests from the Bot Connector service to the bot: the bearer token must be an RS256 JWT signed
/// with one of the connector's published keys, that key endorsed for the activity's channel, issued by
/// <see cref="TeamsOptions.TokenIssuer"/> for <see cref="TeamsOptions.AppId"/>, within its lifetime, and naming the
/// activity's serviceUrl. Every refusal is an <see cref="InboundAuthentication"/> with a reason; nothing here throws
/// for a bad request, and the token itself is never logged.
/// </summary>
public sealed class BotConnectorAuthenticator : IDisposable
{
    private const string ServiceUrlClaim = "serviceurl";
    private static readonly JsonWebTokenHandler Handler = new();

    private readonly TeamsOptions _options;
    private readonly ILogger<BotConnectorAuthenticator> _log;
    private readonly TokenLifetime _lifetime;
    // Null in anonymous mode: there are no tokens to check, so no keys to fetch.
    private readonly SigningKeySource? _keys;

    public BotConnectorAuthenticator(TeamsOptions options, HttpClient httpClient, TimeProvider time, ILogger<BotConnectorAuthenticator> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        _options = options;
        _log = log;
        _lifetime = new TokenLifetime(time);
        _keys = options.IsAnonymous ? null : new SigningKeySource(options.OpenIdMetadataUrl, httpClient, time, log);
    }

    /// <summary>Checks the Authorization header of an inbound activity against the activity's channelId and serviceUrl.</summary>
    public async Task<InboundAuthentication> AuthenticateAsync(string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        if (_keys is null) return AuthenticateAnonymous(serviceUrl);

        if (string.IsNullOrWhiteSpace(authorizationHeader)) return InboundAuthentication.Fail("missing Authorization header");
        if (BearerToken(authorizationHeader) is not { } raw) return InboundAuthentication.Fail("Authorization header is not 'Bearer <token>'");
        if (Parse(raw) is not { } token) return InboundAuthentication.Fail("bearer token is not a well-formed JWT");
        // Checked before any key lookup so that an HS256 or unsigned ("none") token never reaches signature validation.
        if (token.Alg != SecurityAlgorithms.RsaSha256) return InboundAuthentication.Fail("token is not signed with RS256");
        if (string.IsNullOrEmpty(token.Kid)) return InboundAuthentication.Fail("token names no signing key (kid)");

        JsonWebKey? key;
        try
        {
            key = await _keys.FindAsync(token.Kid, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _log.LogWarning("Cannot fetch the Bot Connector's OpenID metadata or signing keys from {MetadataUrl}: {Error}. Check Teams:OpenIdMetadataUrl and that this server can reach it.",
                _options.OpenIdMetadataUrl, e.GetBaseException().Message);
            return InboundAuthentication.Fail("signing keys unavailable: the OpenID metadata could not be fetched");
        }
        if (key is null) return InboundAuthentication.Fail("unknown signing key");
        if (string.IsNullOrEmpty(channelId)) return InboundAuthentication.Fail("activity has no channelId to check the signing key's endorsements against");
        if (!Endorsements.Endorses(key, channelId)) return InboundAuthentication.Fail($"signing key not endorsed for channel {Printable(channelId)}");

        var result = await Handler.ValidateTokenAsync(token, Parameters(key)).ConfigureAwait(false);
        if (!result.IsValid) return InboundAuthentication.Fail(Describe(result.Exception));

        var claimed = token.Claims.FirstOrDefault(c => string.Equals(c.Type, ServiceUrlClaim, StringComparison.OrdinalIgnoreCase))?.Value;
        if (string.IsNullOrEmpty(claimed)) return InboundAuthentication.Fail("token has no serviceurl claim");
        if (!ServiceUrl.Same(claimed, serviceUrl)) return InboundAuthentication.Fail("token's serviceurl claim does not match the activity's serviceUrl");
        return InboundAuthentication.Success;
    }

    // Unauthenticated replies go to whatever serviceUrl the activity names; kept to this machine so that an exposed,
    // unconfigured bot cannot be used to make the server call arbitrary URLs.
    private static InboundAuthentication AuthenticateAnonymous(string? serviceUrl) =>
        LoopbackUrl.IsLoopbackHttp(serviceUrl)
            ? InboundAuthentication.Success
            : InboundAuthentication.Fail("anonymous mode accepts only activities whose serviceUrl is on this machine; set Teams:AppId (and Teams:AppPassword) to accept Bot Connector traffic");

    private static string? BearerToken(string header)
    {
        var parts = header.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts is [var scheme, var token] && scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) ? token : null;
    }

    private static JsonWebToken? Parse(string raw)
    {
        try
        {
            return new JsonWebToken(raw);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private TokenValidationParameters Parameters(JsonWebKey key) => new()
    {
        ValidIssuer = _options.TokenIssuer,
        ValidAudience = _options.AppId,
        IssuerSigningKey = key,
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(_options.ClockSkewSeconds),
        LifetimeValidator = _lifetime.Validate,
    };

    private static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "token has expired",
        SecurityTokenNotYetValidException => "token is not yet valid",
        SecurityTokenNoExpirationException => "token has no expiry",
        SecurityTokenInvalidLifetimeException => "token lifetime is invalid",
        SecurityTokenInvalidAudienceException => "token audience is not this bot's Teams:AppId",
        SecurityTokenInvalidIssuerException => "token issuer is not Teams:TokenIssuer",
        SecurityTokenInvalidAlgorithmException => "token is not signed with RS256",
        SecurityTokenInvalidSignatureException => "token signature is invalid",
        _ => "token is invalid",
    };

    // The channel id comes from the request body; keep it from breaking or flooding a log line.
    private static string Printable(string value) =>
        new(value.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    public void Dispose() => _keys?.Dispose();
}
