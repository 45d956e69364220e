using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NewsBot.Teams.Tests.Fakes;
using NewsBot.Testing;

namespace NewsBot.Teams.Tests.Authentication;

/// <summary>
/// A registered bot (app id and secret configured) end to end: the Bot Connector's signed token on the way in,
/// checked against locally served OpenID metadata; an Entra ID token on the reply on the way out.
/// </summary>
[Collection(NewsIndexCollection.Name)]
public sealed class AuthenticatedConversationTests(NewsIndexFixture news) : IAsyncLifetime
{
    private const string AppId = "00000000-0000-0000-0000-0000000000b0";
    private static readonly ConnectorSigningKey Key = new("connector-key", "msteams");
    private ConnectorMetadataServer _metadata = null!;
    private FakeBotConnector _connector = null!;
    private ServerFactory _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _metadata = await ConnectorMetadataServer.StartAsync(Key);
        _connector = await FakeBotConnector.StartAsync();
        _server = new ServerFactory(news.Configuration(new Dictionary<string, string?>
        {
            ["Teams:AppId"] = AppId,
            ["Teams:AppPassword"] = FakeBotConnector.ClientSecret,
            ["Teams:TenantId"] = "contoso",
            ["Teams:OpenIdMetadataUrl"] = _metadata.MetadataUrl,
            ["Teams:LoginUrl"] = _connector.LoginUrl.ToString(),
        }));
        _client = await _server.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _connector.DisposeAsync();
        await _metadata.DisposeAsync();
    }

    private string Token(string audience = AppId, string? serviceUrl = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://api.botframework.com",
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? _connector.ServiceUrl.ToString() },
            SigningCredentials = new SigningCredentials(Key.SecurityKey, SecurityAlgorithms.RsaSha256),
        });
    }

    private async Task<HttpResponseMessage> PostAsync(string token, string text)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(Activities.Message(_connector.ServiceUrl, text, "groupChat")) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _client.SendAsync(request);
    }

    [Fact]
    public async Task A_signed_request_is_answered_with_a_reply_carrying_the_bots_Entra_token()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Token(), "help")).StatusCode);
        var reply = Assert.Single(await _connector.WaitForAsync(r => r.Any(a => a.Type == "message")), a => a.Type == "message");

        Assert.Equal("Bearer " + _connector.LastIssuedToken, reply.Authorization);
        var tokenRequest = Assert.Single(_connector.TokenRequests);
        Assert.Equal("contoso", tokenRequest.Tenant);
        Assert.Equal(AppId, tokenRequest.Form["client_id"]);
    }

    [Fact]
    public async Task A_token_for_another_bot_or_another_service_url_is_refused_and_nothing_is_sent()
    {
        var refused = await PostAsync(Token(audience: "another-bot"), "help");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.ToString());
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("another-bot", await refused.Content.ReadAsStringAsync()); // the reason goes to the log, not to the caller
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Token(serviceUrl: "https://smba.trafficmanager.net/emea/"), "help")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.PostAsJsonAsync("/api/messages", Activities.Message(_connector.ServiceUrl, "help"))).StatusCode);
        await Task.Delay(300);
        Assert.Empty(_connector.Activities);
        Assert.Empty(_connector.TokenRequests);
    }
}
