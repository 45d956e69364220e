using NewsBot.Discord.Model;
using NewsBot.Discord.Rendering;
using NewsBot.Domain;

namespace NewsBot.Discord.Tests.Rendering;

/// <summary>Answers as Discord messages, within Discord's documented limits.</summary>
public sealed class AnswerMessagesTests
{
    private static Citation Cite(int n, string? url = "https://example.com/story", string title = "A story") => new()
    {
        Number = n, StoryId = $"s{n}", PassageId = $"p{n}", Title = title, Publication = "Last Week in AI", Date = new DateOnly(2025, 3, 14), Url = url, Quote = $"Quote {n}.",
    };

    private static Answer Answer(string text, int citations) => new()
    {
        Id = "a_0123456789abcdef0123456789abcdef", Text = text, Citations = Enumerable.Range(1, citations).Select(n => Cite(n)).ToList(),
    };

    private static void AssertWithinLimits(IReadOnlyList<MessageCreate> messages)
    {
        foreach (var m in messages)
        {
            Assert.True((m.Content?.Length ?? 0) <= DiscordLimits.Content);
            Assert.InRange(m.Embeds?.Count ?? 0, 0, DiscordLimits.EmbedsPerMessage);
            Assert.True((m.Embeds ?? []).Sum(AnswerMessages.Size) <= DiscordLimits.EmbedsTotal, "the embeds of one message exceed 6,000 characters");
            foreach (var e in m.Embeds ?? [])
            {
                Assert.True((e.Description?.Length ?? 0) <= DiscordLimits.EmbedDescription);
                Assert.InRange(e.Fields?.Count ?? 0, 0, DiscordLimits.EmbedFields);
                Assert.All(e.Fields ?? [], f => { Assert.InRange(f.Name.Length, 1, DiscordLimits.FieldName); Assert.InRange(f.Value.Length, 1, DiscordLimits.FieldValue); });
            }
            Assert.Empty(m.AllowedMentions.Parse); // corpus text never pings
        }
    }

    [Fact]
    public void A_usual_answer_is_one_message_with_its_sources_as_non_unfurling_links_and_the_buttons()
    {
        var messages = AnswerMessages.Render(Answer("Nvidia unveiled a chip [1]. AMD answered [2].", 2));
        var message = Assert.Single(messages);
        AssertWithinLimits(messages);
        var embed = Assert.Single(message.Embeds!);
        Assert.Equal("Nvidia unveiled a chip [1]. AMD answered [2].", embed.Description);
        Assert.Equal(["[1] A story", "[2] A story"], embed.Fields!.Select(f => f.Name));
        Assert.Equal("Last Week in AI · 14 Mar 2025\n<https://example.com/story>", embed.Fields![0].Value);
        var buttons = Assert.Single(message.Components!).Components;
        Assert.Equal(["nb:sources:a_0123456789abcdef0123456789abcdef", "nb:up:a_0123456789abcdef0123456789abcdef", "nb:down:a_0123456789abcdef0123456789abcdef"],
            buttons.Select(b => b.CustomId));
        Assert.All(buttons, b => Assert.InRange(b.CustomId!.Length, 1, DiscordLimits.CustomId));
    }

    [Fact]
    public void A_very_long_answer_with_many_sources_is_split_gracefully_within_every_limit()
    {
        var text = string.Join(" ", Enumerable.Range(1, 1500).Select(i => $"Sentence number {i} says something [1]."));
        var answer = Answer(text, 40) with { Citations = Enumerable.Range(1, 40).Select(n => Cite(n, title: new string('T', 400))).ToList() };
        var messages = AnswerMessages.Render(answer);

        AssertWithinLimits(messages);
        Assert.True(messages.Count > 1);
        var description = string.Join(" ", messages.SelectMany(m => m.Embeds!).Select(e => e.Description).Where(d => d is not null));
        Assert.Equal(text, description); // nothing lost, nothing repeated
        Assert.Equal(40, messages.SelectMany(m => m.Embeds!).Sum(e => e.Fields?.Count ?? 0));
        Assert.Null(messages[0].Components);
        Assert.NotNull(messages[^1].Components); // the buttons come once, at the end
    }

    [Fact]
    public void Links_that_are_not_http_are_not_written_as_links()
    {
        var messages = AnswerMessages.Render(Answer("Claim [1].", 1) with { Citations = [Cite(1, url: "javascript:alert(1)")] });
        Assert.DoesNotContain("javascript", messages[0].Embeds![0].Fields![0].Value);
    }

    [Fact]
    public void Sources_in_full_quote_each_story_and_can_be_private()
    {
        var sources = AnswerMessages.Sources(Answer("Claim [1] [2].", 2), ephemeral: true);
        var message = Assert.Single(sources);
        Assert.Equal(MessageFlags.Ephemeral, message.Flags);
        Assert.StartsWith("> Quote 1.\n", message.Embeds![0].Fields![0].Value);
        AssertWithinLimits(sources);
    }
}
