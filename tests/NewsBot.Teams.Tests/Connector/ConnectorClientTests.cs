using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using NewsBot.Teams.Connector;
using NewsBot.Teams.Protocol;
using NewsBot.Teams.Tests.Fakes;

namespace NewsBot.Teams.Tests.Connector;

/// <summary>Replies through the Bot Connector REST API, against the fake connector and fake Entra ID on loopback.</summary>
public sealed class ConnectorClientTests : IAsyncLifetime
{
    private FakeBotConnector _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeBotConnector.StartAsync();
    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private ConnectorClient Client(Action<TeamsOptions>? configure = null)
    {
        var options = new TeamsOptions { LoginUrl = _fake.LoginUrl.ToString(), MaxRetries = 3 };
        configure?.Invoke(options);
        var http = new HttpClient();
        var tokens = new BotTokenProvider(http, options, TimeProvider.System, NullLogger<BotTokenProvider>.Instance);
        return new ConnectorClient(http, tokens, new ConnectorThrottle(options), options, TimeProvider.System, NullLogger<ConnectorClient>.Instance);
    }

    private static void Authenticated(TeamsOptions o)
    {
        o.AppId = "00000000-0000-0000-0000-0000000000b0";
        o.AppPassword = FakeBotConnector.ClientSecret;
        o.TenantId = "contoso-tenant";
    }

    private Activity Inbound(string conversation = "a:conversation/1;messageid=17") => new()
    {
        Type = "message", Id = "incoming-1", ServiceUrl = _fake.ServiceUrl.ToString(), ChannelId = "msteams",
        From = new ChannelAccount { Id = "29:reader", Name = "Reader" }, Recipient = new ChannelAccount { Id = "28:bot", Name = "NewsBot" },
        Conversation = new ConversationAccount { Id = conversation, TenantId = "contoso-tenant", ConversationType = "channel" },
    };

    [Fact]
    public async Task A_reply_goes_to_the_thread_it_answers_from_the_bot_to_the_reader()
    {
        var id = await Client().ReplyAsync(Inbound(), new Activity { Type = "message", Text = "Hello" }, default);

        var sent = Assert.Single(_fake.Activities);
        Assert.Equal(sent.AssignedId, id);
        Assert.Equal("a:conversation/1;messageid=17", sent.ConversationId); // escaped in the path, intact on arrival
        Assert.Equal("incoming-1", sent.ReplyToId);
        Assert.Equal("incoming-1", (string?)sent.Body["replyToId"]);
        Assert.Equal("28:bot", (string?)sent.Body["from"]!["id"]);
        Assert.Equal("29:reader", (string?)sent.Body["recipient"]!["id"]);
        Assert.Equal("", sent.Authorization); // anonymous local development: no token
    }

    [Fact]
    public async Task A_typing_indicator_is_sent_to_the_conversation_not_as_a_reply()
    {
        await Client().SendAsync(Inbound(), new Activity { Type = "typing" }, default);
        var sent = Assert.Single(_fake.Activities);
        Assert.Null(sent.ReplyToId);
        Assert.Equal("typing", sent.Type);
    }

    [Fact]
    public async Task With_an_app_id_replies_carry_an_Entra_token_fetched_once_and_cached()
    {
        var client = Client(Authenticated);
        for (var i = 0; i < 3; i++) await client.ReplyAsync(Inbound(), new Activity { Type = "message", Text = $"Reply {i}" }, default);

        var token = Assert.Single(_fake.TokenRequests);
        Assert.Equal("contoso-tenant", token.Tenant);
        Assert.Equal("client_credentials", token.Form["grant_type"]);
        Assert.Equal("00000000-0000-0000-0000-0000000000b0", token.Form["client_id"]);
        Assert.Equal("https://api.botframework.com/.default", token.Form["scope"]);
        Assert.All(_fake.Activities, a => Assert.Equal("Bearer " + _fake.LastIssuedToken, a.Authorization));
    }

    [Fact]
    public async Task A_wrong_secret_fails_with_a_message_naming_the_keys_to_fix_and_never_the_secret()
    {
        var client = Client(o => { Authenticated(o); o.AppPassword = "not-the-secret"; });
        var e = await Assert.ThrowsAsync<ConnectorException>(() => client.ReplyAsync(Inbound(), new Activity { Type = "message", Text = "x" }, default));
        Assert.Contains("AADSTS7000215", e.Message);
        Assert.Contains("Teams:AppPassword", e.Message);
        Assert.DoesNotContain("not-the-secret", e.Message);
        Assert.Empty(_fake.Activities);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_connectors_Retry_After()
    {
        _fake.ThenFail(429, "Throttled", "Too many requests", retryAfter: "1");
        var id = await Client().ReplyAsync(Inbound(), new Activity { Type = "message", Text = "x" }, default);

        Assert.Equal(2, _fake.Activities.Count);
        Assert.NotNull(id);
        Assert.True(_fake.Activities[1].ReceivedAt - _fake.Activities[0].ReceivedAt >= TimeSpan.FromSeconds(0.95),
            "the retry came before the Retry-After the connector asked for");
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_until_one_succeeds()
    {
        _fake.ThenFail(503);
        _fake.ThenFail(500, "InternalServerError");
        var id = await Client().ReplyAsync(Inbound(), new Activity { Type = "message", Text = "x" }, default);
        Assert.Equal(3, _fake.Activities.Count);
        Assert.Equal(_fake.Activities[2].AssignedId, id);
    }

    [Fact]
    public async Task When_retries_run_out_the_connectors_error_is_reported()
    {
        for (var i = 0; i < 2; i++) _fake.ThenFail(502, "BadGateway", "upstream down");
        var e = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client(o => o.MaxRetries = 1).ReplyAsync(Inbound(), new Activity { Type = "message", Text = "x" }, default));
        Assert.Equal(HttpStatusCode.BadGateway, e.Status);
        Assert.Contains("upstream down", e.Message);
        Assert.Equal(2, _fake.Activities.Count);
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_keeps_the_connectors_code()
    {
        _fake.ThenFail(400, "BadArgument", "Activity text is too long");
        var e = await Assert.ThrowsAsync<ConnectorException>(() => Client().ReplyAsync(Inbound(), new Activity { Type = "message", Text = "x" }, default));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Equal("BadArgument", e.Code);
        Assert.Single(_fake.Activities);
    }

    [Fact]
    public async Task A_token_the_connector_rejects_is_replaced_once()
    {
        var client = Client(Authenticated);
        await client.ReplyAsync(Inbound(), new Activity { Type = "message", Text = "first" }, default);
        var first = _fake.LastIssuedToken;
        _fake.ThenFail(401, "Unauthorized", "token revoked");
        await client.ReplyAsync(Inbound(), new Activity { Type = "message", Text = "second" }, default);

        Assert.Equal(2, _fake.TokenRequests.Count);
        Assert.NotEqual(first, _fake.LastIssuedToken);
        Assert.Equal("Bearer " + _fake.LastIssuedToken, _fake.Activities[^1].Authorization);
    }

    [Fact]
    public async Task A_burst_to_one_thread_stays_within_Teams_per_thread_limit()
    {
        var client = Client();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.ReplyAsync(Inbound(), new Activity { Type = "message", Text = $"{i}" }, default)));
        AssertAtMostPerWindow(_fake.Activities, ConnectorThrottle.PerThreadPerSecond, TimeSpan.FromSeconds(1));
        Assert.Equal(20, _fake.Activities.Count);
    }

    [Fact]
    public async Task A_burst_across_threads_stays_within_the_per_tenant_rate()
    {
        var client = Client(o => o.MaxRequestsPerSecond = 4);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => client.ReplyAsync(Inbound($"thread-{i}"), new Activity { Type = "message", Text = $"{i}" }, default)));
        AssertAtMostPerWindow(_fake.Activities, 4, TimeSpan.FromSeconds(1));
        Assert.Equal(10, _fake.Activities.Count);
    }

    /// <summary>
    /// No window of <paramref name="window"/> saw more than <paramref name="limit"/> arrivals, give or take the
    /// limiter's granularity (a tenth of the window) and the clock's.
    /// </summary>
    private static void AssertAtMostPerWindow(IReadOnlyList<ReceivedActivity> received, int limit, TimeSpan window)
    {
        var times = received.Select(a => a.ReceivedAt).Order().ToList();
        for (var i = limit; i < times.Count; i++)
            Assert.True(times[i] - times[i - limit] >= window * 0.9 - TimeSpan.FromMilliseconds(50),
                $"{limit + 1} requests arrived within {(times[i] - times[i - limit]).TotalMilliseconds:F0} ms");
    }
}
