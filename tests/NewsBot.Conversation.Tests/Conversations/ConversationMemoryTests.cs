using NewsBot.Conversation.Memory;
using NewsBot.Domain;

namespace NewsBot.Conversation.Tests.Conversations;

public sealed class ConversationMemoryTests
{
    private static ConversationTurn Turn(string question, string answerId) =>
        new(question, question, question, new Answer { Id = answerId, Text = "…", Citations = [] }, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Keeps_the_last_turns_of_each_conversation_in_order_and_forgets_older_ones()
    {
        var memory = new ConversationMemory(new ConversationOptions { MaxTurns = 2 }, ManualClock.At(2026, 1, 1));
        memory.Add("c1", Turn("one", "a1"));
        memory.Add("c1", Turn("two", "a2"));
        memory.Add("c1", Turn("three", "a3"));
        memory.Add("c2", Turn("other", "a4"));

        Assert.Equal(["two", "three"], memory.Turns("c1").Select(t => t.Question));
        Assert.Equal(["other"], memory.Turns("c2").Select(t => t.Question));
        Assert.Null(memory.FindAnswer("a1")); // its turn fell out
        Assert.Equal("three", memory.FindAnswer("a3")?.Question);
    }

    [Fact]
    public void An_idle_conversation_expires_with_its_answers()
    {
        var clock = ManualClock.At(2026, 1, 1);
        var memory = new ConversationMemory(new ConversationOptions { IdleMinutes = 30 }, clock);
        memory.Add("c1", Turn("one", "a1"));
        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Single(memory.Turns("c1"));
        memory.Add("c1", Turn("two", "a2")); // using it keeps it alive
        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(2, memory.Turns("c1").Count);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Empty(memory.Turns("c1"));
        Assert.Null(memory.FindAnswer("a2"));
    }

    [Fact]
    public void Past_its_capacity_the_least_recently_used_conversations_go_first()
    {
        var clock = ManualClock.At(2026, 1, 1);
        var memory = new ConversationMemory(new ConversationOptions { MaxConversations = 10 }, clock);
        for (var i = 0; i < 10; i++)
        {
            memory.Add($"c{i}", Turn("q", $"a{i}"));
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        memory.Add("c0", Turn("again", "a0b")); // c0 is now the most recent
        memory.Add("c10", Turn("q", "a10"));

        Assert.True(memory.Count <= 10);
        Assert.NotEmpty(memory.Turns("c0"));
        Assert.NotEmpty(memory.Turns("c10"));
        Assert.Empty(memory.Turns("c1"));
    }

    [Fact]
    public void Forget_drops_a_conversation()
    {
        var memory = new ConversationMemory(new ConversationOptions(), ManualClock.At(2026, 1, 1));
        memory.Add("c1", Turn("one", "a1"));
        Assert.True(memory.Forget("c1"));
        Assert.Empty(memory.Turns("c1"));
        Assert.False(memory.Forget("c1"));
    }

    [Fact]
    public void New_ids_are_random_and_distinct()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => ConversationMemory.NewConversationId()).ToHashSet();
        Assert.Equal(1000, ids.Count);
        Assert.All(ids, id => Assert.Matches("^c_[0-9a-f]{32}$", id));
    }
}
