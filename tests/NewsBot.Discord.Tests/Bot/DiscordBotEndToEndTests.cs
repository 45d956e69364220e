using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NewsBot.Conversation;
using NewsBot.Discord.Bot;
using NewsBot.Discord.Tests.Fakes;
using NewsBot.Discord.Tests.Interactions;
using NewsBot.Index.Feedback;
using NewsBot.Testing;

namespace NewsBot.Discord.Tests.Bot;

/// <summary>
/// NewsBot on Discord end to end: the real server host, its Discord hosted service connected to the fake gateway and
/// calling the fake REST API, answering from the test index.
/// </summary>
[Collection(NewsIndexCollection.Name)]
public sealed class DiscordBotEndToEndTests(NewsIndexFixture news)
{
    private const string Question = "Which chip did AWS unveil at re:Invent 2025?";

    private static bool IsMessageTo(FakeRequest r, string channel) => r.Method == "POST" && r.Path.EndsWith($"/channels/{channel}/messages", StringComparison.Ordinal);

    private static string EmbedText(JsonNode? body) => string.Join("\n", (body?["embeds"]?.AsArray() ?? []).Select(e =>
        $"{(string?)e!["description"]}\n{string.Join("\n", (e["fields"]?.AsArray() ?? []).Select(f => $"{(string?)f!["name"]} {(string?)f["value"]}"))}"));

    [Fact]
    public async Task At_start_the_commands_are_registered_in_the_guild_and_the_bot_identifies_with_its_intents()
    {
        await using var discord = await FakeDiscord.StartAsync(news);
        var commands = await discord.Rest.WaitForAsync(r => r.Any(x => x.Method == "PUT"));
        var put = Assert.Single(commands, x => x.Method == "PUT");
        Assert.EndsWith($"/applications/{discord.Rest.ApplicationId}/guilds/{discord.Rest.GuildId}/commands", put.Path);
        Assert.Equal(["ask", "latest", "sources", "new"], put.Body!.AsArray().Select(c => (string?)c!["name"]));
        var identify = Assert.Single(discord.Gateway.Identifies);
        Assert.Equal(37377, (int?)identify.Data!["intents"]);
    }

    [Fact]
    public async Task A_mention_becomes_a_thread_with_the_answer_as_an_embed_and_the_thread_continues_without_mention()
    {
        await using var discord = await FakeDiscord.StartAsync(news);
        var message = discord.Message(Question, mention: true);
        await discord.Gateway.DispatchAsync("MESSAGE_CREATE", message);
        var threadId = (string)message["id"]!; // the fake gives a thread its message's id, as Discord does

        var requests = await discord.Rest.WaitForAsync(r => r.Any(x => IsMessageTo(x, threadId)));
        var thread = Assert.Single(requests, x => x.Path.EndsWith($"/channels/{FakeDiscord.ChannelId}/messages/{threadId}/threads", StringComparison.Ordinal));
        Assert.Equal(Question, (string?)thread.Body!["name"]);
        Assert.Contains(requests, x => x.Path.EndsWith($"/channels/{threadId}/typing", StringComparison.Ordinal));
        var answer = Assert.Single(requests, x => IsMessageTo(x, threadId));
        Assert.Contains("Trainium", EmbedText(answer.Body));
        Assert.Contains("[1]", EmbedText(answer.Body));
        Assert.Matches(@"<https?://[^>]+>", EmbedText(answer.Body)); // links in angle brackets: never unfurled
        Assert.Empty(answer.Body!["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal(3, answer.Body["components"]![0]!["components"]!.AsArray().Count);

        await discord.Gateway.DispatchAsync("MESSAGE_CREATE", discord.Message("when was that?", channelId: threadId));
        var followUp = (await discord.Rest.WaitForAsync(r => r.Count(x => IsMessageTo(x, threadId)) >= 2)).Where(x => IsMessageTo(x, threadId)).Last();
        Assert.Contains("reported on", EmbedText(followUp.Body));
        Assert.Single(discord.Rest.Requests, x => x.Path.EndsWith("/threads", StringComparison.Ordinal)); // no second thread

        // In a channel, a message without a mention is none of the bot's business.
        await discord.Gateway.DispatchAsync("MESSAGE_CREATE", discord.Message("just chatting about chips"));
        await Task.Delay(500);
        Assert.DoesNotContain(discord.Rest.Requests, x => IsMessageTo(x, FakeDiscord.ChannelId));
    }

    [Fact]
    public async Task A_direct_message_is_answered_in_place()
    {
        await using var discord = await FakeDiscord.StartAsync(news);
        const string dm = "2200000000000000099";
        var message = discord.Message(Question, channelId: dm, inGuild: false);
        await discord.Gateway.DispatchAsync("MESSAGE_CREATE", message);
        var answer = (await discord.Rest.WaitForAsync(r => r.Any(x => IsMessageTo(x, dm)))).Single(x => IsMessageTo(x, dm));
        Assert.Equal((string?)message["id"], (string?)answer.Body!["message_reference"]!["message_id"]);
        Assert.Contains("Trainium", EmbedText(answer.Body));
    }

    [Fact]
    public async Task The_slash_command_flow_defers_then_edits_and_the_buttons_rate_and_show_sources()
    {
        await using var discord = await FakeDiscord.StartAsync(news);
        var ask = discord.Interaction(2, FakeDiscord.Command("ask", ("question", "how many engineers will zorblax hire?")));
        await discord.Gateway.DispatchAsync("INTERACTION_CREATE", ask);
        var token = (string)ask["token"]!;

        var requests = await discord.Rest.WaitForAsync(r => r.Any(x => x.Method == "PATCH" && x.Path.Contains(token, StringComparison.Ordinal)));
        var callback = Assert.Single(requests, x => x.Path.Contains($"/interactions/{(string)ask["id"]!}/{token}/callback", StringComparison.Ordinal));
        Assert.Equal(5, (int?)callback.Body!["type"]); // deferred: "NewsBot is thinking…"
        var edit = Assert.Single(requests, x => x.Method == "PATCH" && x.Path.EndsWith($"/webhooks/{discord.Rest.ApplicationId}/{token}/messages/@original", StringComparison.Ordinal));
        Assert.Null(edit.Authorization); // webhook routes carry no bot token
        Assert.Contains("Zorblax", EmbedText(edit.Body), StringComparison.OrdinalIgnoreCase);
        var buttons = edit.Body!["components"]![0]!["components"]!.AsArray().Select(b => (string)b!["custom_id"]!).ToList();

        var down = discord.Interaction(3, new JsonObject { ["custom_id"] = buttons[2], ["component_type"] = 2 });
        await discord.Gateway.DispatchAsync("INTERACTION_CREATE", down);
        var thanks = await WaitForCallbackAsync(discord, down);
        Assert.Equal(4, (int?)thanks["type"]);
        Assert.Equal(64, (int?)thanks["data"]!["flags"]); // only the reader sees it
        var backend = ((BotReadiness)discord.Server.Services.GetService(typeof(BotReadiness))!).Backend!;
        var entry = (await backend.Feedback.SummarizeAsync(500)).Recent.First(e => e.Channel == "discord");
        Assert.Equal(FeedbackRating.Down, entry.Rating);
        Assert.Equal("how many engineers will zorblax hire?", entry.Question);

        var sources = discord.Interaction(3, new JsonObject { ["custom_id"] = buttons[0], ["component_type"] = 2 });
        await discord.Gateway.DispatchAsync("INTERACTION_CREATE", sources);
        var shown = await WaitForCallbackAsync(discord, sources);
        Assert.Equal("Sources", (string?)shown["data"]!["embeds"]![0]!["title"]);
        Assert.StartsWith("> ", (string?)shown["data"]!["embeds"]![0]!["fields"]![0]!["value"]);

        var sourcesCommand = discord.Interaction(2, FakeDiscord.Command("sources"));
        await discord.Gateway.DispatchAsync("INTERACTION_CREATE", sourcesCommand);
        Assert.Equal("Sources", (string?)(await WaitForCallbackAsync(discord, sourcesCommand))["data"]!["embeds"]![0]!["title"]);

        var forget = discord.Interaction(2, FakeDiscord.Command("new"));
        await discord.Gateway.DispatchAsync("INTERACTION_CREATE", forget);
        Assert.Contains("afresh", (string?)(await WaitForCallbackAsync(discord, forget))["data"]!["content"]);
        var afterNew = discord.Interaction(2, FakeDiscord.Command("sources"));
        await discord.Gateway.DispatchAsync("INTERACTION_CREATE", afterNew);
        Assert.Contains("No answer yet", (string?)(await WaitForCallbackAsync(discord, afterNew))["data"]!["content"]);
    }

    [Fact]
    public async Task Latest_lists_the_newest_stories()
    {
        await using var discord = await FakeDiscord.StartAsync(news);
        var latest = discord.Interaction(2, FakeDiscord.Command("latest"));
        await discord.Gateway.DispatchAsync("INTERACTION_CREATE", latest);
        var token = (string)latest["token"]!;
        var edit = (await discord.Rest.WaitForAsync(r => r.Any(x => x.Method == "PATCH" && x.Path.Contains(token, StringComparison.Ordinal))))
            .Single(x => x.Method == "PATCH" && x.Path.Contains(token, StringComparison.Ordinal));
        Assert.Contains("newest first", EmbedText(edit.Body));
    }

    [Fact]
    public async Task A_user_asking_again_within_the_cooldown_is_told_privately_to_wait()
    {
        await using var discord = await FakeDiscord.StartAsync(news, new Dictionary<string, string?> { ["Discord:CooldownSeconds"] = "600" });
        var first = discord.Interaction(2, FakeDiscord.Command("ask", ("question", Question)));
        var second = discord.Interaction(2, FakeDiscord.Command("ask", ("question", "and Google?")));
        await discord.Gateway.DispatchAsync("INTERACTION_CREATE", first);
        await WaitForCallbackAsync(discord, first);
        await discord.Gateway.DispatchAsync("INTERACTION_CREATE", second);
        var refused = await WaitForCallbackAsync(discord, second);
        Assert.Equal(4, (int?)refused["type"]);
        Assert.Equal(64, (int?)refused["data"]!["flags"]);
        Assert.Contains("try again in", (string?)refused["data"]!["content"]);
    }

    [Fact]
    public async Task A_dropped_connection_resumes_and_the_question_sent_meanwhile_is_still_answered()
    {
        await using var discord = await FakeDiscord.StartAsync(news);
        discord.Gateway.HoldNewConnections();
        await discord.Gateway.DropAsync();
        var message = discord.Message(Question, channelId: "2200000000000000077", inGuild: false);
        await discord.Gateway.DispatchAsync("MESSAGE_CREATE", message); // kept by the fake while nobody is connected
        discord.Gateway.ReleaseNewConnections();

        await discord.Rest.WaitForAsync(r => r.Any(x => IsMessageTo(x, "2200000000000000077")));
        Assert.Single(discord.Gateway.Identifies); // resumed, not a new session
        Assert.NotEmpty(discord.Gateway.Resumes);
    }

    [Fact]
    public async Task A_burst_of_50_questions_stays_within_every_bucket_and_corpus_text_pings_nobody()
    {
        await using var discord = await FakeDiscord.StartAsync(news);
        const string dm = "2200000000000000055";
        for (var i = 0; i < 50; i++)
            await discord.Gateway.DispatchAsync("MESSAGE_CREATE", discord.Message(i % 2 == 0 ? Question : "What's new?", channelId: dm, userId: $"44000000000000001{i:00}", inGuild: false));

        var requests = await discord.Rest.WaitForAsync(r => r.Count(x => IsMessageTo(x, dm)) >= 50, timeoutSeconds: 120);
        Assert.Empty(discord.Rest.RateLimited); // the bot never sent more than a bucket allowed
        Assert.All(requests.Where(x => x.Method is "POST" or "PATCH" && x.Body?["embeds"] is not null),
            x => Assert.Empty(x.Body!["allowed_mentions"]!["parse"]!.AsArray()));
    }

    [Fact]
    public async Task Corpus_text_naming_everyone_and_a_role_is_sent_with_pings_turned_off()
    {
        await using var discord = await FakeDiscord.StartAsync(news);
        const string dm = "2200000000000000066";
        await discord.Gateway.DispatchAsync("MESSAGE_CREATE", discord.Message("how many engineers will zorblax hire?", channelId: dm, inGuild: false));
        var answer = (await discord.Rest.WaitForAsync(r => r.Any(x => IsMessageTo(x, dm)))).Single(x => IsMessageTo(x, dm));
        Assert.Contains("@everyone", EmbedText(answer.Body)); // the story's own words, kept…
        Assert.Contains("<@&123456789012345678>", EmbedText(answer.Body));
        var allowed = answer.Body!["allowed_mentions"]!.AsObject();
        Assert.Empty(allowed["parse"]!.AsArray());               // …but nobody, no role and no @everyone is pinged
        Assert.False(allowed.ContainsKey("roles") && allowed["roles"]!.AsArray().Count > 0);
        Assert.False(allowed.ContainsKey("users") && allowed["users"]!.AsArray().Count > 0);
    }

    [Fact]
    public async Task The_interactions_endpoint_checks_signatures_and_answers_PING()
    {
        var (publicKey, sign) = TestKeys.Create();
        await using var discord = await FakeDiscord.StartAsync(news, new Dictionary<string, string?> { ["Discord:PublicKey"] = publicKey });
        var client = discord.Server.CreateClient();
        var ping = Encoding.UTF8.GetBytes("""{"id":"1","application_id":"2","type":1,"token":"t","version":1}""");

        async Task<HttpResponseMessage> PostAsync(byte[] body, string signature, string timestamp)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/discord/interactions") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("X-Signature-Ed25519", signature);
            request.Headers.Add("X-Signature-Timestamp", timestamp);
            return await client.SendAsync(request);
        }

        var ok = await PostAsync(ping, sign("1732280000", ping), "1732280000");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(1, (int?)JsonNode.Parse(await ok.Content.ReadAsStringAsync())!["type"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(ping, sign("1732280001", ping), "1732280000")).StatusCode); // signed another timestamp
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(ping, new string('0', 128), "1732280000")).StatusCode);
        var tampered = Encoding.UTF8.GetBytes("""{"id":"1","application_id":"2","type":2,"token":"t","version":1}""");
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(tampered, sign("1732280000", ping), "1732280000")).StatusCode);
    }

    private static async Task<JsonObject> WaitForCallbackAsync(FakeDiscord discord, JsonObject interaction)
    {
        var path = $"/interactions/{(string)interaction["id"]!}/{(string)interaction["token"]!}/callback";
        var requests = await discord.Rest.WaitForAsync(r => r.Any(x => x.Path.EndsWith(path, StringComparison.Ordinal)));
        return requests.Single(x => x.Path.EndsWith(path, StringComparison.Ordinal)).Body!.AsObject();
    }
}
