using System.Globalization;
using NewsBot.Retrieval.Time;

namespace NewsBot.Conversation.Tests.Retrieval;

public sealed class TimeExpressionsTests
{
    // A Sunday, so "this week" reaches back six days; and a Tuesday in March, so "in March" is the current month.
    private const string Sunday = "2026-11-22";
    private const string InMarch = "2026-03-10";

    private static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    // Days
    [InlineData("What happened today?", Sunday, "2026-11-22", "2026-11-22", true)]
    [InlineData("today's news about robots", Sunday, "2026-11-22", "2026-11-22", true)]
    [InlineData("What did Nvidia announce yesterday?", Sunday, "2026-11-21", "2026-11-21", true)]
    [InlineData("What did Nvidia announce yesterday?", "2026-03-01", "2026-02-28", "2026-02-28", true)]
    // Weeks
    [InlineData("AI news this week", Sunday, "2026-11-16", "2026-11-22", true)]
    [InlineData("AI news this week", InMarch, "2026-03-09", "2026-03-10", true)]
    [InlineData("AI news this week", "2026-11-16", "2026-11-16", "2026-11-16", true)]
    [InlineData("AI news this week", "2026-01-01", "2025-12-29", "2026-01-01", true)]
    [InlineData("this week’s news on chips", Sunday, "2026-11-16", "2026-11-22", true)]
    [InlineData("What did OpenAI announce last week?", Sunday, "2026-11-15", "2026-11-22", true)]
    [InlineData("Robotics over the past week", Sunday, "2026-11-15", "2026-11-22", true)]
    [InlineData("the previous week in robotics", Sunday, "2026-11-15", "2026-11-22", true)]
    [InlineData("Funding rounds in the last 7 days", Sunday, "2026-11-15", "2026-11-22", true)]
    [InlineData("What happened last week in AI?", Sunday, "2026-11-15", "2026-11-22", true)]
    // Months
    [InlineData("Robotics news this month", Sunday, "2026-11-01", "2026-11-22", true)]
    [InlineData("What did Meta ship last month?", Sunday, "2026-10-01", "2026-10-31", true)]
    [InlineData("What did Meta ship last month?", InMarch, "2026-02-01", "2026-02-28", true)]
    [InlineData("What did Meta ship last month?", "2026-01-15", "2025-12-01", "2025-12-31", true)]
    [InlineData("releases from the previous month", Sunday, "2026-10-01", "2026-10-31", true)]
    [InlineData("What did Meta ship in the past month?", Sunday, "2026-10-23", "2026-11-22", true)]
    [InlineData("What did Meta ship in the past month?", InMarch, "2026-02-08", "2026-03-10", true)]
    // Quarters and years
    [InlineData("chip sales this quarter", Sunday, "2026-10-01", "2026-11-22", true)]
    [InlineData("chip sales last quarter", Sunday, "2026-07-01", "2026-09-30", true)]
    [InlineData("chip sales last quarter", InMarch, "2025-10-01", "2025-12-31", true)]
    [InlineData("Who raised the most money this year?", Sunday, "2026-01-01", "2026-11-22", true)]
    [InlineData("Who raised the most money last year?", Sunday, "2025-01-01", "2025-12-31", true)]
    [InlineData("last year's biggest model", InMarch, "2025-01-01", "2025-12-31", true)]
    [InlineData("Who raised the most money in the past year?", Sunday, "2025-11-22", "2026-11-22", true)]
    [InlineData("Who raised the most money in the past year?", "2024-03-01", "2023-03-02", "2024-03-01", true)]
    // Counted spans, in digits and in words
    [InlineData("robotics in the past 3 days", Sunday, "2026-11-19", "2026-11-22", true)]
    [InlineData("robotics over the last 10 days", Sunday, "2026-11-12", "2026-11-22", true)]
    [InlineData("Google news past 2 weeks", Sunday, "2026-11-08", "2026-11-22", true)]
    [InlineData("news within the last two weeks", Sunday, "2026-11-08", "2026-11-22", true)]
    [InlineData("news for the past couple of weeks", Sunday, "2026-11-08", "2026-11-22", true)]
    [InlineData("news from the last couple days", Sunday, "2026-11-20", "2026-11-22", true)]
    [InlineData("What happened in the last few days?", Sunday, "2026-11-19", "2026-11-22", true)]
    [InlineData("Chip deals over the past few months", Sunday, "2026-08-22", "2026-11-22", true)]
    [InlineData("Chip deals in the past 3 months", Sunday, "2026-08-22", "2026-11-22", true)]
    [InlineData("Chip deals in the past 1 month", "2024-03-31", "2024-02-29", "2024-03-31", true)]
    [InlineData("Chip deals over the past twelve months", Sunday, "2025-11-22", "2026-11-22", true)]
    [InlineData("Chip deals in the last two years", Sunday, "2024-11-22", "2026-11-22", true)]
    // Since: from the start of the period to the anchor
    [InlineData("What has Anthropic shipped since yesterday?", Sunday, "2026-11-21", "2026-11-22", true)]
    [InlineData("What has Anthropic shipped since last month?", Sunday, "2026-10-01", "2026-11-22", true)]
    [InlineData("What has Anthropic shipped since last year?", Sunday, "2025-01-01", "2026-11-22", true)]
    public void Relative_periods_count_from_the_anchor(string question, string anchor, string from, string to, bool relative) =>
        AssertRange(question, anchor, from, to, relative);

    [Theory]
    [InlineData("What happened in March 2025?", Sunday, "2025-03-01", "2025-03-31", false)]
    [InlineData("OpenAI news March 2025", Sunday, "2025-03-01", "2025-03-31", false)]
    [InlineData("OpenAI news Mar 2025", Sunday, "2025-03-01", "2025-03-31", false)]
    [InlineData("OpenAI news from Sept. 2025", Sunday, "2025-09-01", "2025-09-30", false)]
    [InlineData("OpenAI news from Sep 2025", Sunday, "2025-09-01", "2025-09-30", false)]
    [InlineData("what happened in march of 2025", Sunday, "2025-03-01", "2025-03-31", false)]
    [InlineData("What happened during February, 2024?", Sunday, "2024-02-01", "2024-02-29", false)]
    [InlineData("Apple's models in May 2024", Sunday, "2024-05-01", "2024-05-31", false)]
    [InlineData("Dec 2025 launches", Sunday, "2025-12-01", "2025-12-31", false)]
    // A future month stays whole: the caller decides what asking about it means.
    [InlineData("What will ship in March 2027?", Sunday, "2027-03-01", "2027-03-31", false)]
    [InlineData("What did Meta release since May 2024?", Sunday, "2024-05-01", "2026-11-22", false)]
    [InlineData("everything since 2024", Sunday, "2024-01-01", "2026-11-22", false)]
    [InlineData("everything since 2024", InMarch, "2024-01-01", "2026-03-10", false)]
    [InlineData("Since March 2027?", Sunday, "2027-03-01", "2027-03-31", false)]
    [InlineData("Nvidia revenue Q1 2025", Sunday, "2025-01-01", "2025-03-31", false)]
    [InlineData("Nvidia revenue in Q4 2024", Sunday, "2024-10-01", "2024-12-31", false)]
    [InlineData("Nvidia revenue in q2 of 2025", Sunday, "2025-04-01", "2025-06-30", false)]
    [InlineData("Nvidia revenue in the third quarter of 2025", Sunday, "2025-07-01", "2025-09-30", false)]
    [InlineData("Nvidia revenue 2025 Q4", Sunday, "2025-10-01", "2025-12-31", false)]
    [InlineData("Nvidia revenue since Q2 2026", Sunday, "2026-04-01", "2026-11-22", false)]
    public void Named_calendar_periods_are_absolute(string question, string anchor, string from, string to, bool relative) =>
        AssertRange(question, anchor, from, to, relative);

    [Theory]
    [InlineData("What happened in March?", Sunday, "2026-03-01", "2026-03-31", true)]
    [InlineData("What happened in March?", InMarch, "2026-03-01", "2026-03-10", true)]
    [InlineData("What happened in November?", Sunday, "2026-11-01", "2026-11-22", true)]
    [InlineData("What happened in December?", Sunday, "2025-12-01", "2025-12-31", true)]
    [InlineData("What happened in April?", InMarch, "2025-04-01", "2025-04-30", true)]
    [InlineData("robots during June", Sunday, "2026-06-01", "2026-06-30", true)]
    [InlineData("models from Jan", Sunday, "2026-01-01", "2026-01-31", true)]
    [InlineData("What happened this March?", Sunday, "2026-03-01", "2026-03-31", true)]
    [InlineData("What happened last March?", Sunday, "2026-03-01", "2026-03-31", true)]
    [InlineData("What happened last March?", InMarch, "2025-03-01", "2025-03-31", true)]
    [InlineData("What happened this March?", InMarch, "2026-03-01", "2026-03-10", true)]
    [InlineData("What did Apple release in May?", Sunday, "2026-05-01", "2026-05-31", true)]
    [InlineData("What did Apple release since May?", Sunday, "2026-05-01", "2026-11-22", true)]
    [InlineData("What did Apple release since May?", InMarch, "2025-05-01", "2026-03-10", true)]
    public void A_month_without_a_year_is_the_latest_one_begun_by_the_anchor(string question, string anchor, string from, string to, bool relative) =>
        AssertRange(question, anchor, from, to, relative);

    private static void AssertRange(string question, string anchor, string from, string to, bool relative)
    {
        var intent = TimeExpressions.Parse(question, Day(anchor));
        Assert.NotNull(intent);
        Assert.Equal(new DateRange(Day(from), Day(to)), intent.Range);
        Assert.Equal(relative, intent.IsRelative);
        Assert.False(intent.WantsLatest);
    }

    [Theory]
    [InlineData("latest news about Google")]
    [InlineData("the latest Gemini model")]
    [InlineData("What's the latest on Gemini?")]
    [InlineData("What's new?")]
    [InlineData("What’s new with Mistral?")]
    [InlineData("whats new in robotics")]
    [InlineData("What is new at Anthropic?")]
    [InlineData("anything new on Trainium?")]
    [InlineData("Has OpenAI raised money recently?")]
    [InlineData("recent funding rounds")]
    [InlineData("the most recent Llama release")]
    [InlineData("newest open-weight models")]
    [InlineData("What has Meta been doing lately?")]
    [InlineData("Who leads AI safety research these days?")]
    [InlineData("What is hot right now?")]
    [InlineData("Which lab is currently ahead?")]
    [InlineData("Chip deals in recent weeks")]
    [InlineData("latest model")] // "latest" describing a model still asks for the newest one
    public void Words_for_the_newest_news_want_the_latest(string question)
    {
        var intent = TimeExpressions.Parse(question, Day(Sunday));
        Assert.NotNull(intent);
        Assert.True(intent.WantsLatest);
        Assert.Null(intent.Range);
        Assert.False(intent.IsRelative);
    }

    [Fact]
    public void A_named_period_is_a_range_not_a_wish_for_the_latest()
    {
        var intent = TimeExpressions.Parse("this week's news", Day(Sunday));
        Assert.NotNull(intent);
        Assert.False(intent.WantsLatest);
        Assert.Equal(new DateRange(Day("2026-11-16"), Day("2026-11-22")), intent.Range);
    }

    [Fact]
    public void Latest_and_a_period_combine()
    {
        var intent = TimeExpressions.Parse("latest news from last month", Day(Sunday));
        Assert.NotNull(intent);
        Assert.True(intent.WantsLatest);
        Assert.Equal(new DateRange(Day("2026-10-01"), Day("2026-10-31")), intent.Range);
        Assert.True(intent.IsRelative);
        Assert.Equal("latest, from last month", intent.Phrase);
        Assert.Equal("news", intent.RemainingQuestion);
    }

    [Theory]
    [InlineData("news from March 2025 and last week", "2025-03-01", "2025-03-31", false)]
    [InlineData("news from last week and March 2025", "2026-11-15", "2026-11-22", true)]
    public void Of_two_periods_the_first_named_wins(string question, string from, string to, bool relative)
    {
        var intent = TimeExpressions.Parse(question, Day(Sunday));
        Assert.NotNull(intent);
        Assert.Equal(new DateRange(Day(from), Day(to)), intent.Range);
        Assert.Equal(relative, intent.IsRelative);
        Assert.Equal("news and", intent.RemainingQuestion); // both go from the search terms, though only one is the range
    }

    [Theory]
    [InlineData("What happened in March 2025?", "in March 2025")]
    [InlineData("What did OpenAI announce last week?", "last week")]
    [InlineData("Robotics over the past 3 days", "over the past 3 days")]
    [InlineData("What did Meta release since May 2024?", "since May 2024")]
    [InlineData("Anything new from Anthropic?", "Anything new")]
    [InlineData("this week’s news", "this week’s")]
    [InlineData("Latest robotics news from yesterday", "Latest, from yesterday")]
    public void The_phrase_is_the_time_words_as_written(string question, string phrase) =>
        Assert.Equal(phrase, TimeExpressions.Parse(question, Day(Sunday))?.Phrase);

    [Theory]
    [InlineData("What happened in March 2025?", "What happened?")]
    [InlineData("What did OpenAI announce last week?", "What did OpenAI announce?")]
    [InlineData("Google news over the past 3 days", "Google news")]
    [InlineData("What happened during the last two weeks at Meta?", "What happened at Meta?")]
    [InlineData("Chip deals for the past month", "Chip deals")]
    [InlineData("What did Meta release since May 2024?", "What did Meta release?")]
    [InlineData("Funding since 2024", "Funding")]
    [InlineData("this week's news on robotics", "news on robotics")]
    [InlineData("latest news about Google", "news about Google")]
    [InlineData("What's new?", "")]
    [InlineData("  what’s new ?! ", "")]
    [InlineData("What's new with Mistral in the last two weeks?", "with Mistral?")]
    [InlineData("Google news, latest?", "Google news?")]
    [InlineData("Latest: what did Google ship yesterday?", "what did Google ship?")]
    [InlineData("In the past 3 days, what did Google ship?", "what did Google ship?")]
    [InlineData("latest AI chips in 2025", "AI chips in 2025")]
    [InlineData("Nvidia revenue in Q1 2025 versus Q1 2024", "Nvidia revenue versus")]
    public void The_remaining_question_loses_the_time_words_and_their_preposition(string question, string remaining) =>
        Assert.Equal(remaining, TimeExpressions.Parse(question, Day(Sunday))?.RemainingQuestion);

    [Theory]
    [InlineData("When was that?")]
    [InlineData("What was the last model Google released?")]
    [InlineData("the last time OpenAI raised money")]
    [InlineData("At last, a benchmark that measures reasoning")]
    [InlineData("Did the March for Science comment on AI?")]
    [InlineData("Which labs may release open weights?")]
    [InlineData("May the best model win")]
    [InlineData("Google's new model")]
    [InlineData("AI news in 2025")]
    [InlineData("2025 funding rounds")]
    [InlineData("What did Last Week in AI say about robots?")]
    [InlineData("In the past, labs kept weights closed")]
    [InlineData("progress over the past decade")]
    [InlineData("a weekly digest of papers")]
    [InlineData("")]
    public void Questions_without_time_words_have_no_time_intent(string question) =>
        Assert.Null(TimeExpressions.Parse(question, Day(Sunday)));

    [Fact]
    public void A_range_counts_its_days_inclusively()
    {
        var range = new DateRange(Day("2026-11-15"), Day("2026-11-22"));
        Assert.Equal(8, range.Days);
        Assert.True(range.Contains(Day("2026-11-15")));
        Assert.True(range.Contains(Day("2026-11-22")));
        Assert.False(range.Contains(Day("2026-11-23")));
        Assert.False(range.Contains(Day("2026-11-14")));
    }
}
