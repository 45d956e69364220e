using NewsBot.Conversation.Streaming;
using NewsBot.Domain;
using NewsBot.Index;
using NewsBot.Testing;

namespace NewsBot.Conversation.Tests.Conversations;

/// <summary>The engine over the real corpus (newest story: 25 May 2026) with a clock the test sets.</summary>
[Collection(CorpusCollection.Name)]
public sealed class ConversationEngineTests(EmbeddedCorpusIndex corpus)
{
    private ConversationEngine EngineOn(int year, int month, int day) =>
        ConversationEngine.Create(corpus.Index, CorpusIndex.RetrievalOptions, CorpusIndex.AnswerOptions, corpus.Dense, clock: ManualClock.At(year, month, day));

    private static void AssertCitedBetween(Answer answer, DateOnly from, DateOnly to)
    {
        Assert.False(answer.Abstained, answer.Text);
        Assert.All(answer.Citations, c => Assert.InRange(c.Date!.Value, from, to));
    }

    [Fact]
    public async Task Last_week_is_read_against_today_when_the_index_has_news_from_then()
    {
        var answer = (await EngineOn(2026, 5, 27).AskAsync(new UserMessage("What happened with OpenAI last week?"))).Answer;
        Assert.DoesNotContain("I have no news from", answer.Text);
        AssertCitedBetween(answer, new DateOnly(2026, 5, 20), new DateOnly(2026, 5, 27));
    }

    [Fact]
    public async Task Last_week_is_read_against_the_newest_story_when_today_is_past_the_corpus_and_the_answer_says_so()
    {
        var answer = (await EngineOn(2026, 11, 22).AskAsync(new UserMessage("What happened with OpenAI last week?"))).Answer;
        Assert.StartsWith("I have no news from last week (15–22 November 2026); my newest stories are from 25 May 2026", answer.Text);
        AssertCitedBetween(answer, new DateOnly(2026, 5, 18), new DateOnly(2026, 5, 25));
    }

    [Fact]
    public async Task A_named_month_becomes_a_date_filter()
    {
        var answer = (await EngineOn(2026, 11, 22).AskAsync(new UserMessage("What did OpenAI release in March 2025?"))).Answer;
        AssertCitedBetween(answer, new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31));
        Assert.Contains(answer.Citations, c => c.Title.Contains("OpenAI", StringComparison.OrdinalIgnoreCase) || c.Quote.Contains("OpenAI", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Whats_new_answers_with_the_newest_stories()
    {
        var newest = (await corpus.Index.GetLatestStoriesAsync(SearchFilter.None, 5)).Select(s => s.Id).ToList();
        var answer = (await EngineOn(2026, 11, 22).AskAsync(new UserMessage("what's new?"))).Answer;
        Assert.Equal(newest, answer.Citations.Select(c => c.StoryId));
    }

    [Fact]
    public async Task Latest_news_about_a_topic_is_the_newest_stories_on_it_not_the_most_similar_old_ones()
    {
        var answer = (await EngineOn(2026, 11, 22).AskAsync(new UserMessage("latest news about Nvidia"))).Answer;

        var dates = answer.Citations.Select(c => c.Date!.Value).ToList();
        Assert.Equal(5, dates.Count);
        Assert.Equal(dates.OrderDescending(), dates);
        foreach (var citation in answer.Citations)
        {
            var story = (await corpus.Index.GetStoryAsync(citation.StoryId))!;
            Assert.Contains("nvidia", (story.Title + " " + story.Text).ToLowerInvariant());
        }
        // Newer than any story a plain keyword search ranks first.
        var byRelevance = await corpus.Index.SearchLexicalAsync(new LexicalQuery(["nvidia"], SearchFilter.None, 10));
        Assert.True(dates[^1] >= byRelevance.Max(h => h.Story.Date!.Value), "the 5th newest Nvidia story should be at least as new as the best keyword hits");
    }

    [Fact]
    public async Task A_stream_starts_with_status_and_its_pieces_join_to_the_answer()
    {
        var events = new List<AnswerEvent>();
        await foreach (var e in EngineOn(2026, 11, 22).StreamAsync(new UserMessage("Which chip did AWS unveil at re:Invent 2025?")))
            events.Add(e);

        Assert.IsType<StatusEvent>(events[0]);
        var done = Assert.IsType<DoneEvent>(events[^1]);
        Assert.IsType<CitationsEvent>(events[^2]);
        var deltas = events.OfType<DeltaEvent>().ToList();
        Assert.True(deltas.Count > 1, "the answer should arrive in more than one piece");
        Assert.Equal(done.Reply.Answer.Text, string.Concat(deltas.Select(d => d.Text)));
        Assert.True(events.FindIndex(e => e is DeltaEvent) > events.FindLastIndex(e => e is StatusEvent));
    }

    [Fact]
    public async Task A_conversation_remembers_its_turns_and_answers_follow_ups_from_them()
    {
        var engine = EngineOn(2026, 11, 22);
        var first = (await engine.AskAsync(new UserMessage("Which chip did AWS unveil at re:Invent 2025?"))).Answer;
        var followUp = (await engine.AskAsync(new UserMessage("when was that?") { ConversationId = first.ConversationId })).Answer;

        Assert.Equal(first.ConversationId, followUp.ConversationId);
        Assert.NotEqual(first.Id, followUp.Id);
        Assert.Contains("reported on", followUp.Text);
        Assert.Contains(first.Citations[0].StoryId, followUp.Citations.Select(c => c.StoryId));
        Assert.Equal("when was that?", engine.Memory.FindAnswer(followUp.Id)?.Question);

        var other = (await engine.AskAsync(new UserMessage("what about Google?") { ConversationId = first.ConversationId })).Answer;
        Assert.False(other.Abstained);
        Assert.Contains(other.Citations, c => (c.Title + c.Quote).Contains("Google", StringComparison.Ordinal));
    }
}
