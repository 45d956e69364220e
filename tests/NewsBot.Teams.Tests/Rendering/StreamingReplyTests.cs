using Microsoft.Extensions.Logging.Abstractions;
using NewsBot.Teams.Connector;
using NewsBot.Teams.Protocol;
using NewsBot.Teams.Rendering;
using NewsBot.Teams.Tests.Fakes;

namespace NewsBot.Teams.Tests.Rendering;

/// <summary>Teams' streaming protocol as <see cref="StreamingReply"/> speaks it, and what it does when Teams refuses a stream.</summary>
public sealed class StreamingReplyTests : IAsyncLifetime
{
    private FakeBotConnector _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeBotConnector.StartAsync();
    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private StreamingReply Stream(int intervalMilliseconds = 0)
    {
        var options = new TeamsOptions { MaxRetries = 0 };
        var http = new HttpClient();
        var connector = new ConnectorClient(http, new BotTokenProvider(http, options, TimeProvider.System, NullLogger<BotTokenProvider>.Instance),
            new ConnectorThrottle(options), options, TimeProvider.System, NullLogger<ConnectorClient>.Instance);
        var inbound = new Activity
        {
            Type = "message", Id = "question-1", ServiceUrl = _fake.ServiceUrl.ToString(), ChannelId = "msteams",
            From = new ChannelAccount { Id = "29:reader" }, Recipient = new ChannelAccount { Id = "28:bot" },
            Conversation = new ConversationAccount { Id = "a:chat", ConversationType = "personal" },
        };
        return new StreamingReply(connector, inbound, TimeSpan.FromMilliseconds(intervalMilliseconds), TimeProvider.System);
    }

    private static Activity Final() => new() { Type = "message", Text = "The whole answer [1].", Entities = [] };

    [Fact]
    public async Task Updates_carry_the_stream_id_and_rising_sequence_and_text_only_grows()
    {
        var stream = Stream();
        await stream.InformAsync("Searching the news…", default);
        await stream.AppendAsync("The whole ", default);
        await stream.AppendAsync("answer [1].", default);
        var id = await stream.FinishAsync(Final(), default);

        var sent = _fake.Activities;
        Assert.Equal(["typing", "typing", "typing", "message"], sent.Select(a => a.Type));
        Assert.Equal(["informative", "streaming", "streaming", "final"], sent.Select(a => (string?)a.Entity("streaminfo")!["streamType"]));
        Assert.Equal([1, 2, 3], sent.Take(3).Select(a => (int)a.Entity("streaminfo")!["streamSequence"]!));
        Assert.Equal(["Searching the news…", "The whole ", "The whole answer [1]."], sent.Take(3).Select(a => a.Text));
        var streamId = sent[0].AssignedId;
        Assert.Equal(streamId, id);
        Assert.All(sent.Skip(1), a => Assert.Equal(streamId, (string?)a.Entity("streaminfo")!["streamId"]));
    }

    [Fact]
    public async Task Text_arriving_faster_than_the_interval_goes_out_together()
    {
        var stream = Stream(intervalMilliseconds: 60_000);
        await stream.InformAsync("Searching…", default);
        foreach (var piece in new[] { "One. ", "Two. ", "Three." }) await stream.AppendAsync(piece, default);
        Assert.Single(_fake.Activities); // only the informative update: the rest waits for the interval, or the end
    }

    [Fact]
    public async Task When_the_reader_presses_Stop_nothing_more_is_sent()
    {
        var stream = Stream();
        await stream.InformAsync("Searching…", default);
        _fake.ThenFail(403, "ContentStreamNotAllowed", "Content stream was cancelled by user.");
        await stream.AppendAsync("Partial", default);
        Assert.Null(await stream.FinishAsync(Final(), default));
        Assert.Equal(2, _fake.Activities.Count);
    }

    [Fact]
    public async Task When_Teams_refuses_the_stream_otherwise_the_answer_arrives_as_a_plain_reply()
    {
        var stream = Stream();
        _fake.ThenFail(403, "ContentStreamNotAllowed", "Content stream finished due to exceeded streaming time.");
        await stream.InformAsync("Searching…", default);
        await stream.AppendAsync("The whole answer [1].", default);
        var id = await stream.FinishAsync(Final(), default);

        var final = _fake.Activities[^1];
        Assert.Equal("message", final.Type);
        Assert.Null(final.Entity("streaminfo"));
        Assert.Equal("The whole answer [1].", final.Text);
        Assert.Equal(final.AssignedId, id);
    }
}
