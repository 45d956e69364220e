using NewsBot.Conversation.Caching;
using NewsBot.Domain;
using NewsBot.Index;

namespace NewsBot.Conversation.Tests.Conversations;

public sealed class AnswerCacheTests
{
    private static readonly DateOnly Day = new(2026, 11, 22);
    private static EngineReply Reply(string text) => new(new Answer { Text = text, Citations = [] }, null, text, text);
    private static string Key(string question, long generation = 1, DateOnly? today = null, SearchFilter? filter = null) =>
        AnswerCache.Key(question, filter ?? SearchFilter.None, null, today ?? Day, generation);

    [Fact]
    public void The_same_question_up_to_case_spacing_and_closing_punctuation_shares_an_entry()
    {
        Assert.Equal(Key("What is Mistral Large 3?"), Key("  what is   mistral large 3 "));
        Assert.NotEqual(Key("What is Mistral Large 3?"), Key("What is Mistral Large 2?"));
    }

    [Fact]
    public void A_new_index_generation_a_new_day_or_another_filter_is_another_entry()
    {
        Assert.NotEqual(Key("q", generation: 1), Key("q", generation: 2));
        Assert.NotEqual(Key("q"), Key("q", today: Day.AddDays(1)));
        Assert.NotEqual(Key("q"), Key("q", filter: new SearchFilter { From = Day }));
    }

    [Fact]
    public void Entries_expire_and_the_cache_stays_within_its_capacity()
    {
        var clock = ManualClock.At(2026, 1, 1);
        var cache = new AnswerCache(capacity: 4, TimeSpan.FromMinutes(5), clock);
        cache.Set("a", Reply("A"));
        Assert.Equal("A", cache.Get("a")?.Answer.Text);
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Null(cache.Get("a"));

        for (var i = 0; i < 20; i++) cache.Set($"k{i}", Reply($"{i}"));
        Assert.InRange(cache.Count, 1, 4);
        Assert.Equal("19", cache.Get("k19")?.Answer.Text);
    }

    [Fact]
    public void A_cache_with_no_room_or_no_lifetime_keeps_nothing()
    {
        var off = new AnswerCache(capacity: 0, TimeSpan.FromMinutes(5), TimeProvider.System);
        off.Set("a", Reply("A"));
        Assert.False(off.Enabled);
        Assert.Null(off.Get("a"));
    }
}
