using NewsBot.Discord.Bot;
using NewsBot.Discord.Tests.Fakes;
using NewsBot.Testing;
using NewsBot.Testing.Fakes;

namespace NewsBot.Discord.Tests.Bot;

/// <summary>
/// A generated answer in Discord: the model (a fake OpenAI-compatible server) writes for a few seconds, one message
/// shows the text as it grows, edited no more often than Discord's limits allow, then becomes the answer's embed.
/// </summary>
[Collection(NewsIndexCollection.Name)]
public sealed class DiscordGeneratedAnswerTests(NewsIndexFixture news)
{
    private const string Answer = "At re:Invent 2025, AWS unveiled Trainium3, its newest training chip, and an UltraServer built around it [1]. " +
                                  "AWS said the chip is faster and more efficient than the one before it [1].";

    [Fact]
    public async Task A_mention_is_answered_in_one_message_edited_as_the_model_writes_then_replaced_by_the_embed()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Responder = r => r.System == NewsBot.Conversation.Generation.QueryRewriter.Instructions
            ? FakeChatReply.Reply("""{"queries": []}""")
            : FakeChatReply.Reply(Answer) with { ChunkCharacters = 6, ChunkDelay = TimeSpan.FromMilliseconds(150) };
        await using var discord = await FakeDiscord.StartAsync(news, new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "OpenAICompatible", ["Llm:BaseUrl"] = model.BaseUrl.ToString(), ["Llm:Model"] = "fake-news-model", ["Llm:MaxRetries"] = "0",
        });
        var message = discord.Message("Which chip did AWS unveil at re:Invent 2025?", mention: true);
        await discord.Gateway.DispatchAsync("MESSAGE_CREATE", message);
        var thread = (string)message["id"]!;

        var requests = await discord.Rest.WaitForAsync(r => r.Any(x => x.Method == "PATCH" && x.Path.Contains($"/channels/{thread}/messages/", StringComparison.Ordinal)
                                                                         && x.Body?["embeds"]?.AsArray().Count > 0), timeoutSeconds: 60);
        var created = Assert.Single(requests, x => x.Method == "POST" && x.Path.EndsWith($"/channels/{thread}/messages", StringComparison.Ordinal));
        var first = (string)created.Body!["content"]!;
        Assert.EndsWith("▌", first);
        Assert.StartsWith(first.TrimEnd('▌', ' '), Answer);  // the text so far
        Assert.Empty(created.Body["allowed_mentions"]!["parse"]!.AsArray());

        var edits = requests.Where(x => x.Method == "PATCH" && x.Path.Contains($"/channels/{thread}/messages/", StringComparison.Ordinal)).ToList();
        Assert.True(edits.Count >= 2, $"{edits.Count} edits");
        var streamed = edits.SkipLast(1).Select(e => ((string)e.Body!["content"]!).TrimEnd('▌', ' ')).ToList();
        Assert.All(streamed, text => Assert.StartsWith(text, Answer));
        Assert.Equal(streamed.OrderBy(t => t.Length), streamed);  // it only grows
        var final = edits[^1].Body!;
        Assert.Equal("", (string?)final["content"]);  // the streamed text is gone…
        Assert.Contains("Trainium3", (string?)final["embeds"]![0]!["description"]);  // …for the answer's embed
        Assert.NotEmpty(final["components"]!.AsArray());
        // Discord allows five edits per five seconds in a channel: the edits are at least StreamedAnswer.Interval apart.
        var times = edits.Select(e => e.ArrivedAt).ToList();
        Assert.All(times.Zip(times.Skip(1)).SkipLast(1), pair => Assert.True(pair.Second - pair.First >= StreamedAnswer.Interval - TimeSpan.FromMilliseconds(50)));
    }
}
