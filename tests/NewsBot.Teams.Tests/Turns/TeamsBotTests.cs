using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NewsBot.Conversation;
using NewsBot.Index.Feedback;
using NewsBot.Teams.Tests.Fakes;
using NewsBot.Teams.Turns;
using NewsBot.Testing;

namespace NewsBot.Teams.Tests.Turns;

/// <summary>
/// NewsBot in Teams end to end on the real server host: activities posted to <c>/api/messages</c> as Teams sends
/// them, replies read from the fake Bot Connector the bot calls back (anonymous local-development mode).
/// </summary>
[Collection(NewsIndexCollection.Name)]
public sealed class TeamsBotTests(NewsIndexFixture news) : IAsyncLifetime
{
    private const string Question = "Which chip did AWS unveil at re:Invent 2025?";
    private FakeBotConnector _connector = null!;
    private ServerFactory _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _server = new ServerFactory(news.Configuration(new Dictionary<string, string?> { ["Teams:StreamIntervalMilliseconds"] = "100" }));
        _client = await _server.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity) => await _client.PostAsJsonAsync("/api/messages", activity);

    private Task<IReadOnlyList<ReceivedActivity>> MessagesAsync(int count = 1) =>
        _connector.WaitForAsync(received => received.Count(a => a.Type == "message") >= count);

    [Fact]
    public async Task In_personal_chat_the_answer_streams_then_arrives_whole_with_citations()
    {
        var inbound = Activities.Message(_connector.ServiceUrl, Question);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(inbound)).StatusCode);
        var received = await MessagesAsync();

        // Informative updates first (typing + streaminfo), the stream's id from the first, then the final message.
        var updates = received.TakeWhile(a => a.Type == "typing").ToList();
        Assert.NotEmpty(updates);
        var first = updates[0].Entity("streaminfo")!;
        Assert.Equal("informative", (string?)first["streamType"]);
        Assert.Equal(1, (int?)first["streamSequence"]);
        Assert.Null(first["streamId"]);
        var streamId = updates[0].AssignedId;
        Assert.Equal(Enumerable.Range(1, updates.Count), updates.Select(u => (int)u.Entity("streaminfo")!["streamSequence"]!));
        Assert.All(updates.Skip(1), u => Assert.Equal(streamId, (string?)u.Entity("streaminfo")!["streamId"]));

        var final = Assert.Single(received, a => a.Type == "message");
        Assert.Equal("final", (string?)final.Entity("streaminfo")!["streamType"]);
        Assert.Equal(streamId, (string?)final.Entity("streaminfo")!["streamId"]);
        Assert.Equal(streamId, (string?)final.Body["id"]);
        Assert.All(received, a => Assert.Equal((string?)inbound["id"], a.ReplyToId)); // all in reply to the question
        var ai = final.Entity("https://schema.org/Message")!;
        Assert.Equal("AIGeneratedContent", (string?)ai["additionalType"]![0]);
        var citations = ai["citation"]!.AsArray();
        Assert.NotEmpty(citations);
        Assert.Contains("[1]", final.Text);
        Assert.Contains("Trainium", final.Text);
        Assert.True((bool?)final.Body["channelData"]!["feedbackLoopEnabled"]);
    }

    [Fact]
    public async Task In_a_channel_the_mention_is_ignored_and_the_answer_goes_to_the_thread_after_a_typing_indicator()
    {
        var inbound = Activities.Message(_connector.ServiceUrl, Question, "channel", mentionBot: true);
        await PostAsync(inbound);
        var received = await MessagesAsync();

        var typing = Assert.Single(received, a => a.Type == "typing");
        Assert.Null(typing.Entity("streaminfo")); // Teams streams only in personal chat
        Assert.Null(typing.ReplyToId);
        var answer = Assert.Single(received, a => a.Type == "message");
        Assert.Equal(Activities.DefaultConversation("channel"), answer.ConversationId); // the thread's conversation…
        Assert.Equal((string?)inbound["id"], answer.ReplyToId);                         // …in reply to the question
        Assert.Null(answer.Entity("streaminfo"));
        Assert.Contains("Trainium", answer.Text);
        Assert.NotEmpty(answer.Entity("https://schema.org/Message")!["citation"]!.AsArray());
    }

    [Fact]
    public async Task A_follow_up_in_the_same_chat_continues_the_conversation()
    {
        await PostAsync(Activities.Message(_connector.ServiceUrl, Question, "groupChat"));
        await MessagesAsync(1);
        await PostAsync(Activities.Message(_connector.ServiceUrl, "when was that?", "groupChat"));
        var followUp = (await MessagesAsync(2)).Where(a => a.Type == "message").Last();
        Assert.Contains("reported on", followUp.Text);

        // The same words in another chat have nothing to point back to.
        await PostAsync(Activities.Message(_connector.ServiceUrl, "when was that?", "groupChat", conversationId: "19:other-group@thread.v2"));
        var alone = (await MessagesAsync(3)).Where(a => a.Type == "message").Last();
        Assert.Null(alone.Entity("https://schema.org/Message")!["citation"]);
    }

    [Fact]
    public async Task Installing_the_bot_brings_a_welcome_but_a_colleague_joining_does_not()
    {
        await PostAsync(Activities.MembersAdded(_connector.ServiceUrl, Activities.ReaderId, "channel"));
        await PostAsync(Activities.MembersAdded(_connector.ServiceUrl, Activities.BotId, "personal"));
        var welcome = Assert.Single(await MessagesAsync());
        Assert.Contains("NewsBot", welcome.Text);
        Assert.Contains("help", welcome.Text);
        await Task.Delay(300);
        Assert.Single(_connector.Activities); // nothing for the colleague
    }

    [Theory]
    [InlineData("help", "**latest**")]
    [InlineData("<at>NewsBot</at>", "**latest**")]
    [InlineData("new", "forgotten")]
    public async Task Commands_get_their_answer(string text, string expected)
    {
        await PostAsync(Activities.Message(_connector.ServiceUrl, text, "groupChat"));
        var reply = Assert.Single(await MessagesAsync());
        Assert.Contains(expected, reply.Text);
    }

    [Fact]
    public async Task Latest_lists_the_newest_stories_with_citations()
    {
        await PostAsync(Activities.Message(_connector.ServiceUrl, "latest", "groupChat"));
        var reply = (await MessagesAsync()).Single(a => a.Type == "message");
        Assert.Contains("newest first", reply.Text);
        Assert.True(reply.Entity("https://schema.org/Message")!["citation"]!.AsArray().Count >= 3);
    }

    [Fact]
    public async Task New_forgets_the_conversation_so_a_follow_up_has_nothing_to_follow()
    {
        await PostAsync(Activities.Message(_connector.ServiceUrl, Question, "groupChat"));
        await MessagesAsync(1);
        await PostAsync(Activities.Message(_connector.ServiceUrl, "new", "groupChat"));
        await MessagesAsync(2);
        await PostAsync(Activities.Message(_connector.ServiceUrl, "when was that?", "groupChat"));
        var followUp = (await MessagesAsync(3)).Where(a => a.Type == "message").Last();
        Assert.Null(followUp.Entity("https://schema.org/Message")!["citation"]);
    }

    [Fact]
    public async Task Thumbs_up_and_down_are_stored_in_the_same_feedback_store_as_the_webs()
    {
        await PostAsync(Activities.Message(_connector.ServiceUrl, "how many engineers will zorblax hire?"));
        var answer = (await MessagesAsync()).Single(a => a.Type == "message");
        var messageId = answer.AssignedId!;

        var rated = await PostAsync(Activities.Feedback(_connector.ServiceUrl, messageId, "dislike", "missed the date"));
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);

        var backend = ((BotReadiness)_server.Services.GetService(typeof(BotReadiness))!).Backend!;
        var summary = await backend.Feedback.SummarizeAsync(500);
        var entry = Assert.Single(summary.Recent, e => e.Comment == "missed the date");
        Assert.Equal(FeedbackRating.Down, entry.Rating);
        Assert.Equal("teams", entry.Channel);
        Assert.Equal("how many engineers will zorblax hire?", entry.Question);

        var unknown = await PostAsync(Activities.Feedback(_connector.ServiceUrl, "a-message-nobody-sent", "like", null));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Invokes_the_bot_does_not_handle_get_501_and_malformed_feedback_400()
    {
        var other = Activities.Feedback(_connector.ServiceUrl, "x", "like", null);
        other["name"] = "composeExtension/query";
        Assert.Equal(HttpStatusCode.NotImplemented, (await PostAsync(other)).StatusCode);

        var malformed = Activities.Feedback(_connector.ServiceUrl, "x", "love", null);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(malformed)).StatusCode);
    }

    [Fact]
    public async Task A_failure_while_answering_gets_an_apology_not_silence()
    {
        // The connector refuses the typing indicator: the turn fails, and the reader is still told.
        _connector.ThenFail(400, "BadArgument", "refused on purpose");
        await PostAsync(Activities.Message(_connector.ServiceUrl, Question, "groupChat"));
        var apology = Assert.Single(await MessagesAsync(), a => a.Type == "message");
        Assert.Equal(TeamsBot.Failure, apology.Text);
    }

    [Fact]
    public async Task A_question_over_the_length_limit_is_answered_with_the_limit()
    {
        await PostAsync(Activities.Message(_connector.ServiceUrl, "why " + new string('a', ConversationEngine.MaxQuestionLength), "groupChat"));
        var reply = Assert.Single(await MessagesAsync());
        Assert.Contains("1,000", reply.Text);
    }

    [Fact]
    public async Task Requests_that_are_not_activities_get_a_4xx()
    {
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await _client.PostAsync("/api/messages", new StringContent("hello"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsync("/api/messages", new StringContent("{not json", null, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsJsonAsync("/api/messages", new { type = "message", text = "no service url" })).StatusCode);
        var huge = Activities.Message(_connector.ServiceUrl, new string('x', 300_000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync(huge)).StatusCode);
        var notLoopback = Activities.Message(new Uri("https://smba.trafficmanager.net/amer/"), "hi");
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(notLoopback)).StatusCode); // anonymous mode talks only to this machine
        Assert.Empty(_connector.Activities);
    }
}

/// <summary>Before the index has loaded, a question gets a "starting" reply rather than silence.</summary>
[Collection(NewsIndexCollection.Name)]
public sealed class TeamsStartingTests(NewsIndexFixture news)
{
    [Fact]
    public async Task A_question_before_the_index_loads_is_told_to_ask_again_shortly()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        await using var server = new ServerFactory(news.Configuration(), loadIndex: false);
        var client = server.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/messages", Activities.Message(connector.ServiceUrl, "hello?"))).StatusCode);
        var reply = Assert.Single(await connector.WaitForAsync(r => r.Count >= 1));
        Assert.Contains("still loading", reply.Text);
    }
}
