using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NewsBot.Teams.Authentication;

namespace NewsBot.Teams.Tests.Authentication;

public sealed class BotConnectorAuthenticatorTests : IAsyncLifetime
{
    private const string AppId = "0b5e7c1a-3f4d-4c2b-9a8e-6d1f2e3a4b5c";
    private const string Issuer = "https://api.botframework.com";
    private const string Channel = "msteams";
    private const string TokenServiceUrl = "https://smba.trafficmanager.net/emea/";
    // As activities carry it: the same endpoint without the token's trailing slash.
    private const string ActivityServiceUrl = "https://smba.trafficmanager.net/emea";
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    // Made once for all tests: generating RSA keys is slow. Each test serves them from its own server.
    private static readonly ConnectorSigningKey Published = new("key-1", Channel, "webchat");
    private static readonly ConnectorSigningKey Rotated = new("key-2", Channel);
    private static readonly ConnectorSigningKey Impostor = new(Published.Kid, Channel);
    private static readonly ConnectorSigningKey Unendorsed = new("key-plain", endorsements: null);

    // Far from the real date, so a lifetime check that read the system clock instead of this one would fail.
    private readonly ManualClock _clock = new(new DateTimeOffset(2030, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ListLogger<BotConnectorAuthenticator> _log = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private ConnectorMetadataServer _server = null!;
    private BotConnectorAuthenticator _authenticator = null!;

    public async Task InitializeAsync()
    {
        _server = await ConnectorMetadataServer.StartAsync(Published);
        _authenticator = Authenticator(AppId, _server.MetadataUrl);
    }

    public async Task DisposeAsync()
    {
        _authenticator.Dispose();
        await _server.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task A_valid_token_is_accepted()
    {
        var outcome = await AuthenticateAsync(Token());

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Null(outcome.Failure);
    }

    [Fact]
    public async Task Keys_are_fetched_once_and_reused()
    {
        for (var i = 0; i < 3; i++)
            Assert.True((await AuthenticateAsync(Token())).Succeeded);

        Assert.Equal(1, _server.MetadataRequests);
        Assert.Equal(1, _server.KeysRequests);
    }

    [Fact]
    public async Task A_token_expired_beyond_the_clock_skew_is_refused()
    {
        var token = Token();
        _clock.Advance(TimeSpan.FromHours(1) + Skew + TimeSpan.FromSeconds(1));

        AssertFailed(await AuthenticateAsync(token), "expired");
    }

    [Fact]
    public async Task A_token_expired_within_the_clock_skew_is_accepted()
    {
        var token = Token();
        _clock.Advance(TimeSpan.FromHours(1) + Skew - TimeSpan.FromSeconds(1));

        Assert.True((await AuthenticateAsync(token)).Succeeded);
    }

    [Fact]
    public async Task A_token_not_yet_valid_beyond_the_clock_skew_is_refused()
    {
        var notBefore = _clock.GetUtcNow().UtcDateTime + Skew + TimeSpan.FromSeconds(1);
        var token = Token(d => d.NotBefore = notBefore);

        AssertFailed(await AuthenticateAsync(token), "not yet valid");
    }

    [Fact]
    public async Task A_token_without_expiry_is_refused()
    {
        AssertFailed(await AuthenticateAsync(Token(d => d.Expires = null)), "no expiry");
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        AssertFailed(await AuthenticateAsync(Token(d => d.Audience = "another-bot")), "audience");
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused()
    {
        AssertFailed(await AuthenticateAsync(Token(d => d.Issuer = "https://sts.windows.net/attacker/")), "issuer");
    }

    [Fact]
    public async Task A_token_signed_by_an_unpublished_key_is_refused_after_one_refresh()
    {
        var outcome = await AuthenticateAsync(Token(signedBy: Rotated));

        AssertFailed(outcome, "unknown signing key");
        Assert.Equal(2, _server.MetadataRequests); // the first fetch, then one refresh looking for key-2
    }

    [Fact]
    public async Task A_key_published_later_is_picked_up_by_a_refresh_at_most_every_five_minutes()
    {
        AssertFailed(await AuthenticateAsync(Token(signedBy: Rotated)), "unknown signing key");
        _server.Publish(Rotated);

        AssertFailed(await AuthenticateAsync(Token(signedBy: Rotated)), "unknown signing key");
        Assert.Equal(2, _server.MetadataRequests); // refreshed a moment ago: no new fetch yet

        _clock.Advance(TimeSpan.FromMinutes(5));
        var outcome = await AuthenticateAsync(Token(signedBy: Rotated));

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Equal(3, _server.MetadataRequests);
        Assert.True((await AuthenticateAsync(Token())).Succeeded);
        Assert.Equal(3, _server.MetadataRequests);
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_cached_keys()
    {
        Assert.True((await AuthenticateAsync(Token())).Succeeded);
        _server.Unavailable = true;

        AssertFailed(await AuthenticateAsync(Token(signedBy: Rotated)), "unknown signing key");
        var outcome = await AuthenticateAsync(Token());

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Equal(2, _server.MetadataRequests); // the refresh was tried, and failed
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Teams:OpenIdMetadataUrl"));
    }

    [Fact]
    public async Task A_token_signed_by_another_key_under_a_published_key_id_is_refused()
    {
        AssertFailed(await AuthenticateAsync(Token(signedBy: Impostor)), "signature");
    }

    [Fact]
    public async Task A_key_not_endorsed_for_the_activity_channel_is_refused()
    {
        AssertFailed(await AuthenticateAsync(Token(), channelId: "slack"), "not endorsed for channel slack");
    }

    [Fact]
    public async Task A_key_without_endorsements_is_refused()
    {
        _server.Publish(Unendorsed);

        AssertFailed(await AuthenticateAsync(Token(signedBy: Unendorsed)), "not endorsed for channel msteams");
    }

    [Fact]
    public async Task An_activity_without_channel_is_refused()
    {
        AssertFailed(await AuthenticateAsync(Token(), channelId: null), "channelId");
    }

    [Fact]
    public async Task A_token_for_another_service_url_is_refused()
    {
        AssertFailed(await AuthenticateAsync(Token(), serviceUrl: "https://attacker.example/emea/"), "serviceurl");
    }

    [Fact]
    public async Task A_token_without_service_url_claim_is_refused()
    {
        AssertFailed(await AuthenticateAsync(Token(d => d.Claims.Clear())), "no serviceurl claim");
    }

    [Fact]
    public async Task The_service_url_claim_name_and_host_compare_case_insensitively()
    {
        var token = Token(d => d.Claims = new Dictionary<string, object> { ["serviceUrl"] = TokenServiceUrl });

        var outcome = await AuthenticateAsync(token, serviceUrl: "HTTPS://SMBA.TrafficManager.net/emea/");

        Assert.True(outcome.Succeeded, outcome.Failure);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_request_without_authorization_header_is_refused(string? header)
    {
        AssertFailed(await _authenticator.AuthenticateAsync(header, Channel, ActivityServiceUrl, default), "missing Authorization header");
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")]
    public async Task A_header_that_is_not_a_bearer_token_is_refused(string header)
    {
        AssertFailed(await _authenticator.AuthenticateAsync(header, Channel, ActivityServiceUrl, default), "Bearer");
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("....")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.!!!.c2ln")]
    public async Task A_garbage_bearer_token_is_refused(string token)
    {
        AssertFailed(await AuthenticateAsync(token), "not a well-formed JWT");
        Assert.Equal(0, _server.MetadataRequests);
    }

    [Fact]
    public async Task An_HS256_token_under_a_published_key_id_is_refused()
    {
        var secret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("a shared secret an attacker chose, 32+ bytes")) { KeyId = Published.Kid };
        var token = Token(d => d.SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));

        AssertFailed(await AuthenticateAsync(token), "RS256");
        Assert.Equal(0, _server.MetadataRequests);
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        var valid = new JsonWebToken(Token());
        var header = Base64UrlEncoder.Encode($$"""{"alg":"none","kid":"{{Published.Kid}}","typ":"JWT"}""");
        var unsigned = $"{header}.{valid.EncodedPayload}.";

        AssertFailed(await AuthenticateAsync(unsigned), "RS256");
        Assert.Equal(0, _server.MetadataRequests);
    }

    [Fact]
    public async Task An_unreachable_metadata_endpoint_is_a_failure_with_a_warning_not_an_exception()
    {
        using var authenticator = Authenticator(AppId, $"http://127.0.0.1:{UnusedLoopbackPort()}/v1/.well-known/openidconfiguration");
        var token = Token();

        var outcome = await authenticator.AuthenticateAsync($"Bearer {token}", Channel, ActivityServiceUrl, default);

        AssertFailed(outcome, "OpenID metadata");
        var warning = Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("Teams:OpenIdMetadataUrl", warning.Message);
        Assert.DoesNotContain(_log.Entries, e => e.Message.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metadata_over_plain_http_is_not_fetched_from_another_machine()
    {
        var handler = new CountingHandler();
        using var http = new HttpClient(handler);
        using var authenticator = new BotConnectorAuthenticator(
            new TeamsOptions { AppId = AppId, OpenIdMetadataUrl = "http://login.botframework.invalid/v1/.well-known/openidconfiguration" },
            http, _clock, _log);

        var outcome = await authenticator.AuthenticateAsync($"Bearer {Token()}", Channel, ActivityServiceUrl, default);

        AssertFailed(outcome, "OpenID metadata");
        Assert.Equal(0, handler.Requests);
    }

    [Theory]
    [InlineData("http://localhost:3978/")]
    [InlineData("http://127.0.0.1:5005/api/")]
    [InlineData("https://127.10.20.30/")]
    [InlineData("http://[::1]:3978")]
    public async Task Anonymous_mode_accepts_a_loopback_service_url_without_a_token(string serviceUrl)
    {
        using var authenticator = Authenticator(appId: null, _server.MetadataUrl);

        var outcome = await authenticator.AuthenticateAsync(null, "emulator", serviceUrl, default);

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Equal(0, _server.MetadataRequests);
    }

    [Theory]
    [InlineData(ActivityServiceUrl)]
    [InlineData("http://localhost.attacker.example/")]
    [InlineData("http://localhost@attacker.example/")]
    [InlineData("http://10.0.0.5:3978/")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("/relative/path")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Anonymous_mode_refuses_a_service_url_off_this_machine(string? serviceUrl)
    {
        using var authenticator = Authenticator(appId: "", _server.MetadataUrl);

        var outcome = await authenticator.AuthenticateAsync($"Bearer {Token()}", Channel, serviceUrl, default);

        AssertFailed(outcome, "set Teams:AppId");
    }

    private BotConnectorAuthenticator Authenticator(string? appId, string metadataUrl) =>
        new(new TeamsOptions { AppId = appId, OpenIdMetadataUrl = metadataUrl, TokenIssuer = Issuer, ClockSkewSeconds = (int)Skew.TotalSeconds },
            _http, _clock, _log);

    private Task<InboundAuthentication> AuthenticateAsync(string token, string? channelId = Channel, string? serviceUrl = ActivityServiceUrl) =>
        _authenticator.AuthenticateAsync($"Bearer {token}", channelId, serviceUrl, default);

    /// <summary>A token as the Bot Connector issues it, valid for an hour from the test clock's now; <paramref name="change"/> spoils it.</summary>
    private string Token(Action<SecurityTokenDescriptor>? change = null, ConnectorSigningKey? signedBy = null)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = AppId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = TokenServiceUrl },
            SigningCredentials = new SigningCredentials((signedBy ?? Published).SecurityKey, SecurityAlgorithms.RsaSha256),
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static void AssertFailed(InboundAuthentication outcome, string reasonMentions)
    {
        Assert.False(outcome.Succeeded);
        Assert.NotNull(outcome.Failure);
        Assert.Contains(reasonMentions, outcome.Failure, StringComparison.OrdinalIgnoreCase);
    }

    private static int UnusedLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        private int _requests;
        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        }
    }
}
