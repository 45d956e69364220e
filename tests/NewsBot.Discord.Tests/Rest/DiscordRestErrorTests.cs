using System.Net;
using NewsBot.Discord.Model;
using NewsBot.Discord.Rest;
using NewsBot.Discord.Tests.Fakes;

namespace NewsBot.Discord.Tests.Rest;

/// <summary>What Discord's refusals become: retries for 5xx, a <see cref="DiscordApiException"/> with Discord's words for the rest.</summary>
public sealed class DiscordRestErrorTests : IAsyncLifetime
{
    private FakeDiscordRest _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeDiscordRest.StartAsync();
    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task An_invalid_form_body_is_an_exception_with_discords_message_code_and_field_errors()
    {
        var e = await Assert.ThrowsAsync<DiscordApiException>(() =>
            RestClients.For(_fake).CreateMessageAsync("123", new MessageCreate { Content = new string('a', 2001) }, default));

        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Equal(50035, e.Code);
        Assert.Contains("Invalid Form Body", e.Message);
        Assert.Contains("content: Must be 2000 or fewer in length.", e.Message);
        Assert.Contains("POST /channels/{channel_id}/messages", e.Message);
        Assert.Single(_fake.Requests); // a 4xx is not retried
    }

    [Fact]
    public async Task A_scripted_error_body_is_read_the_same_way()
    {
        _fake.ThenError(400, 50035, "Invalid Form Body", new() { ["embeds"] = new System.Text.Json.Nodes.JsonObject
        {
            ["0"] = new System.Text.Json.Nodes.JsonObject { ["description"] = FakeField("Must be 4096 or fewer in length.") },
        } });

        var e = await Assert.ThrowsAsync<DiscordApiException>(() =>
            RestClients.For(_fake).CreateMessageAsync("123", new MessageCreate { Content = "x" }, default));

        Assert.Equal(50035, e.Code);
        Assert.Contains("embeds.0.description: Must be 4096 or fewer in length.", e.Message);
    }

    private static System.Text.Json.Nodes.JsonObject FakeField(string message) => new()
    {
        ["_errors"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["code"] = "BASE_TYPE_MAX_LENGTH", ["message"] = message }),
    };

    [Fact]
    public async Task An_unknown_message_is_code_10008()
    {
        var e = await Assert.ThrowsAsync<DiscordApiException>(() =>
            RestClients.For(_fake).EditMessageAsync("123", "999", new MessageEdit { Content = "x" }, default));
        Assert.Equal((HttpStatusCode.NotFound, 10008), (e.Status, e.Code));
        Assert.Contains("Unknown Message", e.Message);
        Assert.DoesNotContain("999", e.Message); // ids stay out of the message: the route is named by its template
    }

    [Fact]
    public async Task A_wrong_token_says_to_check_Discord_Token_and_never_shows_it()
    {
        const string wrong = "MTEwMDAwMDAwMDAwMDAwMDAwMg.wrong-token.x9y8z7";
        var log = new ListLogger<DiscordRestClient>();

        var e = await Assert.ThrowsAsync<DiscordApiException>(() =>
            RestClients.For(_fake, o => o.Token = wrong, log).TriggerTypingAsync("123", default));

        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
        Assert.Contains("Discord:Token", e.Message);
        Assert.DoesNotContain(wrong, e.ToString());
        Assert.DoesNotContain("wrong-token", e.ToString());
        Assert.All(log.Entries, entry => Assert.DoesNotContain("wrong-token", entry.Message));
        var request = Assert.Single(_fake.Requests); // not retried
        Assert.Equal("Bot " + wrong, request.Authorization);
    }

    [Fact]
    public async Task A_server_error_is_retried_after_a_backoff()
    {
        _fake.ThenServerError(502);

        var sent = await RestClients.For(_fake).CreateMessageAsync("123", new MessageCreate { Content = "hello" }, default);

        Assert.Equal("hello", sent.Content);
        var requests = _fake.Requests;
        Assert.Equal([502, 200], requests.Select(r => r.Status));
        Assert.True(requests[1].ArrivedAt - requests[0].ArrivedAt >= DiscordRestClient.FirstBackoff - TimeSpan.FromMilliseconds(20),
            $"The retry came {(requests[1].ArrivedAt - requests[0].ArrivedAt).TotalMilliseconds} ms after the failure.");
    }

    [Fact]
    public async Task Server_errors_are_retried_three_times_then_reported()
    {
        for (var i = 0; i < 4; i++) _fake.ThenServerError(503);

        var e = await Assert.ThrowsAsync<DiscordApiException>(() => RestClients.For(_fake).TriggerTypingAsync("123", default));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.Status);
        Assert.Contains("after 3 retries", e.Message);
        Assert.Equal(4, _fake.Requests.Count);
    }

    [Fact]
    public async Task A_bot_route_without_a_token_is_refused_before_sending()
    {
        var client = RestClients.For(_fake, o => o.Token = null);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => client.TriggerTypingAsync("123", default));
        Assert.Contains("Discord:Token", e.Message);
        Assert.Empty(_fake.Requests);
    }
}
