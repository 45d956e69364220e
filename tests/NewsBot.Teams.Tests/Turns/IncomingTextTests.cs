using System.Text.Json.Nodes;
using NewsBot.Teams.Protocol;
using NewsBot.Teams.Turns;

namespace NewsBot.Teams.Tests.Turns;

public sealed class IncomingTextTests
{
    private static Activity Message(string text, params JsonObject[] entities) => new()
    {
        Type = "message", Text = text, Recipient = new ChannelAccount { Id = "28:bot", Name = "NewsBot" }, Entities = [.. entities],
    };

    private static JsonObject Mention(string id, string name) => new()
    {
        ["type"] = "mention", ["text"] = $"<at>{name}</at>", ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name },
    };

    [Fact]
    public void The_bots_mention_is_removed_wherever_it_is()
    {
        Assert.Equal("what did Nvidia announce?", IncomingText.Of(Message("<at>NewsBot</at> what did Nvidia announce?", Mention("28:bot", "NewsBot"))));
        Assert.Equal("what did Nvidia announce?", IncomingText.Of(Message("what did Nvidia announce? <at>NewsBot</at>", Mention("28:bot", "NewsBot"))));
    }

    [Fact]
    public void A_renamed_bot_is_recognised_by_its_mention_entity()
    {
        // Teams writes the name the team gave the bot, which the entity ties to the bot's id.
        Assert.Equal("latest robotics", IncomingText.Of(Message("<at>Newsy</at> latest robotics", Mention("28:bot", "Newsy"))));
    }

    [Fact]
    public void Other_people_mentioned_stay_as_names()
    {
        Assert.Equal("did Ada Lovelace write about GPT?",
            IncomingText.Of(Message("<at>NewsBot</at> did <at>Ada Lovelace</at> write about GPT?", Mention("28:bot", "NewsBot"), Mention("29:ada", "Ada Lovelace"))));
    }

    [Fact]
    public void Formatted_messages_become_plain_text()
    {
        Assert.Equal("what's new & exciting in AI?", IncomingText.Of(Message("<p>what&#39;s <b>new</b> &amp; exciting&nbsp;in AI?</p>")));
    }

    [Fact]
    public void A_message_that_is_only_the_mention_is_empty()
    {
        Assert.Equal("", IncomingText.Of(Message("<at>NewsBot</at>&nbsp;", Mention("28:bot", "NewsBot"))));
    }
}
