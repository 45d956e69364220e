using System.Globalization;
using NewsBot.Index;
using NewsBot.Retrieval.Time;

namespace NewsBot.Conversation.Understanding;

/// <summary>
/// What a question says about time, made concrete: the topic left once the time words are gone, the filter with the
/// date range applied, whether it asks for the newest news, and a note when the range had to be read against the
/// corpus rather than today.
/// </summary>
public sealed record TimeScope
{
    public required string Topic { get; init; }
    public required SearchFilter Filter { get; init; }
    public DateRange? Range { get; init; }
    public bool WantsLatest { get; init; }
    /// <summary>Set when "last week" meant the corpus's last week: the answer says so.</summary>
    public string? Note { get; init; }
    /// <summary>"last week (16–22 November 2026)", for status lines and answers; null without a range.</summary>
    public string? RangeDescription { get; init; }

    public static string Describe(DateRange range) =>
        range.From == range.To ? Format(range.From)
        : range.From.Year != range.To.Year ? $"{Format(range.From)} – {Format(range.To)}"
        : range.From.Month != range.To.Month ? $"{range.From.ToString("d MMMM", CultureInfo.InvariantCulture)} – {Format(range.To)}"
        : $"{range.From.Day}–{Format(range.To)}";

    public static string Format(DateOnly date) => Answering.AnswerWording.Date(date);
}

/// <summary>
/// Reads relative time ("last week", "this month") against today; when the index holds nothing that recent (a corpus
/// that stopped months ago), against its newest story instead, and says so. Absolute periods ("March 2025") stay as
/// they are.
/// </summary>
public sealed class TimeScopeResolver(INewsIndex index, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<TimeScope> ResolveAsync(string question, SearchFilter? filter, CancellationToken cancellationToken)
    {
        filter ??= SearchFilter.None;
        var intent = TimeExpressions.Parse(question, Today);
        if (intent is null) return new TimeScope { Topic = question, Filter = filter };

        var range = intent.Range;
        string? note = null;
        if (range is { } asked && intent.IsRelative && !await AnyStoryAsync(filter, asked, cancellationToken)
            && await NewestDateAsync(filter, cancellationToken) is { } newest && newest < asked.From
            && TimeExpressions.Parse(question, newest)?.Range is { } moved)
        {
            note = $"I have no news from {intent.Phrase} ({TimeScope.Describe(asked)}); my newest stories are from {TimeScope.Format(newest)}, "
                 + $"so here is {intent.Phrase} counted from then ({TimeScope.Describe(moved)}).";
            range = moved;
        }
        return new TimeScope
        {
            Topic = intent.RemainingQuestion,
            Filter = range is { } r ? Narrow(filter, r) : filter,
            Range = range,
            WantsLatest = intent.WantsLatest,
            Note = note,
            RangeDescription = range is { } d ? $"{intent.Phrase} ({TimeScope.Describe(d)})" : null,
        };
    }

    private async Task<bool> AnyStoryAsync(SearchFilter filter, DateRange range, CancellationToken cancellationToken) =>
        (await index.GetLatestStoriesAsync(Narrow(filter, range), 1, cancellationToken)).Count > 0;

    private async Task<DateOnly?> NewestDateAsync(SearchFilter filter, CancellationToken cancellationToken) =>
        (await index.GetLatestStoriesAsync(filter, 1, cancellationToken)).FirstOrDefault()?.Date;

    /// <summary>The filter's own dates and the range, both: the later start, the earlier end.</summary>
    private static SearchFilter Narrow(SearchFilter filter, DateRange range) => filter with
    {
        From = filter.From is { } from && from > range.From ? from : range.From,
        To = filter.To is { } to && to < range.To ? to : range.To,
    };
}
