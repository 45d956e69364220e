using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace NewsBot.Teams.Authentication;

/// <summary>
/// The Bot Connector's signing keys, read from its OpenID metadata and the JWKS it points at: cached, refreshed
/// automatically, and refreshed early (at most once per <see cref="MinimumRefreshInterval"/>) when a token names a
/// key id the cache does not hold, which is how a key rotation shows up.
/// </summary>
internal sealed class SigningKeySource : IDisposable
{
    public static readonly TimeSpan AutomaticRefreshInterval = TimeSpan.FromHours(24);
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly string _metadataUrl;
    private readonly HttpClient _httpClient;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private DateTimeOffset? _lastEarlyRefresh;

    public SigningKeySource(string metadataUrl, HttpClient httpClient, TimeProvider time, ILogger log)
    {
        _metadataUrl = metadataUrl;
        _httpClient = httpClient;
        _time = time;
        _log = log;
        _manager = NewManager();
    }

    /// <summary>The key with this id, or null when it is unknown even after an early refresh.</summary>
    /// <exception cref="InvalidOperationException">No metadata could ever be fetched.</exception>
    public async Task<JsonWebKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var cached = await Volatile.Read(ref _manager).GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        return Find(cached, keyId) ?? Find(await RefreshEarlyAsync(cached, cancellationToken).ConfigureAwait(false), keyId);
    }

    private static JsonWebKey? Find(OpenIdConnectConfiguration configuration, string keyId) =>
        configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));

    // ConfigurationManager.RequestRefresh (IdentityModel 8) only starts a background fetch and rate-limits on the
    // system clock, so the request that noticed the new key would still fail. A fresh manager's first fetch is
    // awaited instead; it then takes over the automatic refresh. A failed fetch keeps the keys we had.
    private async Task<OpenIdConnectConfiguration> RefreshEarlyAsync(OpenIdConnectConfiguration seen, CancellationToken cancellationToken)
    {
        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await _manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            // Someone else refreshed while this request waited, or one did so too recently: use what is there.
            if (!ReferenceEquals(current, seen) || (_lastEarlyRefresh is { } last && now - last < MinimumRefreshInterval)) return current;
            _lastEarlyRefresh = now;
            var fresh = NewManager();
            var configuration = await fresh.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _manager, fresh);
            return configuration;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _log.LogWarning("Could not refresh the Bot Connector signing keys from {MetadataUrl}: {Error}. Keeping the cached keys; check Teams:OpenIdMetadataUrl and that this server can reach it.",
                _metadataUrl, e.GetBaseException().Message);
            return seen;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private ConfigurationManager<OpenIdConnectConfiguration> NewManager() =>
        new(_metadataUrl, new OpenIdConnectConfigurationRetriever(),
            // Plain http only for metadata served on this machine (tests, local tools); anywhere else keys must come over TLS.
            new HttpDocumentRetriever(_httpClient) { RequireHttps = !LoopbackUrl.IsLoopbackHttp(_metadataUrl) })
        {
            AutomaticRefreshInterval = AutomaticRefreshInterval,
        };

    public void Dispose() => _refreshLock.Dispose();
}
