using System.Text.Json.Nodes;
using NewsBot.Discord.Model;
using NewsBot.Discord.Rest;
using NewsBot.Discord.Tests.Fakes;

namespace NewsBot.Discord.Tests.Rest;

/// <summary>Each route of the REST client against the fake Discord API: method, path, headers, body, answer.</summary>
public sealed class DiscordRestRoutesTests : IAsyncLifetime
{
    private FakeDiscordRest _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeDiscordRest.StartAsync();
    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private void SentByTheBot(FakeRequest request)
    {
        Assert.Equal("Bot " + _fake.Token, request.Authorization);
        Assert.Equal("DiscordBot (https://github.com/newsbot/newsbot, 1.0)", request.UserAgent);
    }

    private static void SentWithoutTheBotToken(FakeRequest request)
    {
        Assert.Null(request.Authorization);
        Assert.Equal(DiscordRestClient.UserAgent, request.UserAgent);
    }

    /// <summary>Corpus text must ping nobody: every message body says so explicitly.</summary>
    private static void PingsNobody(JsonNode? body)
    {
        var parse = Assert.IsType<JsonArray>(body?["allowed_mentions"]?["parse"]);
        Assert.Empty(parse);
    }

    [Fact]
    public async Task Gateway_bot_answers_the_gateway_url_shards_and_session_start_limit()
    {
        _fake.GatewayUrl = "ws://127.0.0.1:45678/fake-gateway";
        _fake.SessionStartLimit = new SessionStartLimit(1000, 998, 3_600_000, 1);
        // A base URL written with a trailing slash works the same.
        var info = await RestClients.For(_fake, o => o.ApiBaseUrl = _fake.ApiBaseUrl + "/").GetGatewayBotAsync(default);

        Assert.Equal("ws://127.0.0.1:45678/fake-gateway", info.Url);
        Assert.Equal(1, info.Shards);
        Assert.Equal(new SessionStartLimit(1000, 998, 3_600_000, 1), info.SessionStartLimit);
        var request = Assert.Single(_fake.Requests);
        Assert.Equal(("GET", "/gateway/bot"), (request.Method, request.Path));
        SentByTheBot(request);
    }

    [Fact]
    public async Task Create_message_posts_the_body_to_the_channel_and_reads_the_created_message()
    {
        var sent = await RestClients.For(_fake).CreateMessageAsync("123", new MessageCreate
        {
            Content = "OpenAI released a model",
            Embeds = [new Embed { Title = "Sources", Description = "1. The Verge", Color = 0x5865F2 }],
            MessageReference = new MessageReference { MessageId = "900", FailIfNotExists = false },
        }, default);

        Assert.Matches("^[0-9]{17,20}$", sent.Id);
        Assert.Equal("123", sent.ChannelId);
        Assert.Equal("OpenAI released a model", sent.Content);
        Assert.Equal("Sources", Assert.Single(sent.Embeds!).Title);
        Assert.Equal(19, sent.Type); // a reply
        Assert.Equal(_fake.BotUserId, sent.Author!.Id);

        var request = Assert.Single(_fake.Requests);
        Assert.Equal(("POST", "/channels/123/messages"), (request.Method, request.Path));
        SentByTheBot(request);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        PingsNobody(request.Body);
        Assert.Equal("OpenAI released a model", request.Content);
        Assert.Equal("1. The Verge", (string?)request.Body!["embeds"]![0]!["description"]);
        Assert.Equal(0x5865F2, (int?)request.Body["embeds"]![0]!["color"]);
        Assert.Equal("900", (string?)request.Body["message_reference"]!["message_id"]);
        Assert.False((bool?)request.Body["message_reference"]!["fail_if_not_exists"]);
        // Unset fields are left out, not sent as null (null means "remove" to Discord).
        Assert.False(request.Body.AsObject().ContainsKey("components"));
        Assert.False(request.Body.AsObject().ContainsKey("flags"));
    }

    [Fact]
    public async Task Messages_get_increasing_ids()
    {
        var client = RestClients.For(_fake);
        var first = await client.CreateMessageAsync("123", new MessageCreate { Content = "one" }, default);
        var second = await client.CreateMessageAsync("123", new MessageCreate { Content = "two" }, default);
        Assert.True(ulong.Parse(second.Id) > ulong.Parse(first.Id));
    }

    [Fact]
    public async Task Allowed_mentions_are_sent_even_when_a_caller_cleared_them()
    {
        await RestClients.For(_fake).CreateMessageAsync("123", new MessageCreate { Content = "@everyone look", AllowedMentions = null! }, default);
        PingsNobody(Assert.Single(_fake.Requests).Body);
    }

    [Fact]
    public async Task Edit_message_patches_the_message_in_its_channel()
    {
        var client = RestClients.For(_fake);
        var sent = await client.CreateMessageAsync("123", new MessageCreate { Content = "Searching…" }, default);

        var edited = await client.EditMessageAsync("123", sent.Id, new MessageEdit { Content = "Here is the answer" }, default);

        Assert.Equal(sent.Id, edited.Id);
        Assert.Equal("Here is the answer", edited.Content);
        var request = _fake.Requests[^1];
        Assert.Equal(("PATCH", $"/channels/123/messages/{sent.Id}"), (request.Method, request.Path));
        SentByTheBot(request);
        PingsNobody(request.Body);
        Assert.Equal("Here is the answer", _fake.Messages[sent.Id]["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_thread_from_message_creates_a_public_thread_named_by_the_caller()
    {
        var thread = await RestClients.For(_fake).StartThreadFromMessageAsync("123", "456", new StartThread { Name = "What did OpenAI release?" }, default);

        Assert.Equal("456", thread.Id); // a thread on a message has the message's id
        Assert.Equal(11, thread.Type);
        Assert.Equal("123", thread.ParentId);
        Assert.Equal("What did OpenAI release?", thread.Name);
        var request = Assert.Single(_fake.Requests);
        Assert.Equal(("POST", "/channels/123/messages/456/threads"), (request.Method, request.Path));
        SentByTheBot(request);
        Assert.Equal("What did OpenAI release?", (string?)request.Body!["name"]);
        Assert.Equal(1440, (int?)request.Body["auto_archive_duration"]);
    }

    [Fact]
    public async Task Typing_posts_an_empty_request_to_the_channel()
    {
        await RestClients.For(_fake).TriggerTypingAsync("123", default);

        var request = Assert.Single(_fake.Requests);
        Assert.Equal(("POST", "/channels/123/typing", 204), (request.Method, request.Path, request.Status));
        SentByTheBot(request);
        Assert.Equal("", request.RawBody);
    }

    [Fact]
    public async Task Interaction_routes_carry_the_interaction_token_in_the_path_and_no_bot_token()
    {
        var client = RestClients.For(_fake);
        _fake.RegisterInteraction("interaction-token-abc", "777");

        await client.CreateInteractionResponseAsync("5000", "interaction-token-abc",
            new InteractionResponse { Type = InteractionResponseTypes.DeferredChannelMessage, Data = new MessageCreate { Flags = MessageFlags.Ephemeral } }, default);
        var original = await client.EditOriginalResponseAsync("interaction-token-abc", new MessageEdit { Content = "The answer" }, default);
        var followup = await client.CreateFollowupAsync("interaction-token-abc", new MessageCreate { Content = "Sources", Flags = MessageFlags.Ephemeral }, default);

        Assert.Equal(("777", "The answer"), (original.ChannelId, original.Content));
        Assert.Equal(("777", "Sources"), (followup.ChannelId, followup.Content));
        Assert.NotEqual(original.Id, followup.Id);

        var requests = _fake.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal(("POST", "/interactions/5000/interaction-token-abc/callback", 204), (requests[0].Method, requests[0].Path, requests[0].Status));
        Assert.Equal(5, (int?)requests[0].Body!["type"]);
        Assert.Equal(64, (int?)requests[0].Body!["data"]!["flags"]);
        Assert.Equal(("PATCH", $"/webhooks/{_fake.ApplicationId}/interaction-token-abc/messages/@original"), (requests[1].Method, requests[1].Path));
        Assert.Equal(("POST", $"/webhooks/{_fake.ApplicationId}/interaction-token-abc"), (requests[2].Method, requests[2].Path));
        Assert.Equal(64, (int?)requests[2].Body!["flags"]);
        Assert.All(requests, SentWithoutTheBotToken);
        PingsNobody(requests[0].Body!["data"]);
        PingsNobody(requests[1].Body);
        PingsNobody(requests[2].Body);
    }

    [Fact]
    public async Task A_channel_message_callback_carries_the_answer()
    {
        await RestClients.For(_fake).CreateInteractionResponseAsync("5001", "token-2",
            new InteractionResponse { Type = InteractionResponseTypes.ChannelMessage, Data = new MessageCreate { Content = "Slow down a little", Flags = MessageFlags.Ephemeral } }, default);

        var response = _fake.InteractionResponse("token-2")!;
        Assert.Equal(4, (int?)response["type"]);
        Assert.Equal("Slow down a little", (string?)response["data"]!["content"]);
        Assert.Contains(_fake.Messages.Values, m => (string?)m["content"] == "Slow down a little");
    }

    private static readonly ApplicationCommand[] Commands =
    [
        new()
        {
            Name = "ask", Description = "Ask NewsBot about AI news",
            Options = [new ApplicationCommandOption { Name = "question", Description = "Your question", Required = true, MaxLength = 500 }],
        },
    ];

    [Fact]
    public async Task Bulk_overwrite_registers_global_commands_without_a_guild()
    {
        await RestClients.For(_fake).BulkOverwriteCommandsAsync(Commands, default);

        var request = Assert.Single(_fake.Requests);
        Assert.Equal(("PUT", $"/applications/{_fake.ApplicationId}/commands", 200), (request.Method, request.Path, request.Status));
        SentByTheBot(request);
        var command = Assert.Single(Assert.IsType<JsonArray>(request.Body));
        Assert.Equal("ask", (string?)command!["name"]);
        Assert.Equal(1, (int?)command["type"]);
        Assert.Equal("question", (string?)command["options"]![0]!["name"]);
        Assert.Equal(3, (int?)command["options"]![0]!["type"]);
        Assert.Equal(500, (int?)command["options"]![0]!["max_length"]);
        Assert.Single(_fake.Commands[""]);
    }

    [Fact]
    public async Task Bulk_overwrite_registers_guild_commands_when_a_guild_is_set()
    {
        await RestClients.For(_fake, o => o.GuildId = "424242").BulkOverwriteCommandsAsync(Commands, default);

        var request = Assert.Single(_fake.Requests);
        Assert.Equal(("PUT", $"/applications/{_fake.ApplicationId}/guilds/424242/commands", 200), (request.Method, request.Path, request.Status));
        Assert.Single(_fake.Commands["424242"]);
        Assert.False(_fake.Commands.ContainsKey(""));
    }

    [Fact]
    public async Task Webhook_routes_need_the_application_id()
    {
        var client = RestClients.For(_fake, o => o.ApplicationId = null);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => client.CreateFollowupAsync("token", new MessageCreate { Content = "x" }, default));
        Assert.Contains("Discord:ApplicationId", e.Message);
        Assert.Empty(_fake.Requests);
    }
}
