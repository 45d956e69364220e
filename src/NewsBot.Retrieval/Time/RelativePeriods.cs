using System.Text.RegularExpressions;
using static NewsBot.Retrieval.Time.TimePatterns;

namespace NewsBot.Retrieval.Time;

/// <summary>Periods counted from the anchor: "today", "this week", "last month", "the past 3 days".</summary>
internal static partial class RelativePeriods
{
    public static IEnumerable<TimeMention> Find(string question, DateOnly anchor)
    {
        foreach (Match match in DayWord().Matches(question))
        {
            var day = match.Groups["day"].Value.Equals("today", StringComparison.OrdinalIgnoreCase) ? anchor : anchor.AddDays(-1);
            yield return TimeMention.Period(match, new DateRange(day, day), isRelative: true, anchor);
        }
        foreach (Match match in NamedPeriod().Matches(question))
            yield return TimeMention.Period(match, NamedPeriodRange(match, anchor), isRelative: true, anchor);
        foreach (Match match in CountedPeriod().Matches(question))
            yield return TimeMention.Period(match, CountedPeriodRange(match, anchor), isRelative: true, anchor);
    }

    private static DateRange NamedPeriodRange(Match match, DateOnly anchor)
    {
        var which = match.Groups["which"].Value.ToLowerInvariant();
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        if (which == "this")
            return unit switch
            {
                "week" => new(Periods.MondayOf(anchor), anchor),
                "month" => new(new DateOnly(anchor.Year, anchor.Month, 1), anchor),
                "quarter" => new(Periods.Quarter(anchor.Year, Periods.QuarterOf(anchor)).From, anchor),
                _ => new(new DateOnly(anchor.Year, 1, 1), anchor),
            };
        // News reaches the weekly digests and podcasts days after it happens, so "last week" means the last seven
        // days, not the previous calendar week: a story from last Monday must not fall out of the range on Sunday.
        if (unit == "week") return new(anchor.AddDays(-7), anchor);
        // "past month" is a span ending now; "last month" names the previous calendar period.
        if (which == "past")
            return unit switch
            {
                "month" => new(anchor.AddDays(-30), anchor),
                "quarter" => new(anchor.AddMonths(-3), anchor),
                _ => new(anchor.AddDays(-365), anchor),
            };
        return unit switch
        {
            "month" => Periods.Month(anchor.AddMonths(-1).Year, anchor.AddMonths(-1).Month),
            "quarter" => PreviousQuarter(anchor),
            _ => Periods.Year(anchor.Year - 1),
        };
    }

    private static DateRange PreviousQuarter(DateOnly anchor)
    {
        var inPrevious = anchor.AddMonths(-3);
        return Periods.Quarter(inPrevious.Year, Periods.QuarterOf(inPrevious));
    }

    private static DateRange CountedPeriodRange(Match match, DateOnly anchor)
    {
        var count = CalendarWords.Count(match.Groups["count"].Value);
        var from = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "day" => anchor.AddDays(-count),
            "week" => anchor.AddDays(-7 * count),
            "month" => anchor.AddMonths(-count),
            _ => anchor.AddYears(-count),
        };
        return new DateRange(from, anchor);
    }

    [GeneratedRegex(Lead + @"\b(?<day>today|yesterday)\b" + Possessive, Options)]
    private static partial Regex DayWord();

    // "Last Week in AI" written as a title is the podcast the news comes from, not a time ("what did Last Week in
    // AI say about …"); "last week in AI" in lower case is still a time.
    [GeneratedRegex(Lead + @"\b(?:the\s+)?(?!(?-i:Last\s+Week)\s+in\s+ai\b)(?<which>this|last|past|previous)\s+(?<unit>week|month|quarter|year)\b" + Possessive, Options)]
    private static partial Regex NamedPeriod();

    [GeneratedRegex(Lead + @"\b(?:the\s+)?(?:last|past|previous)\s+"
        + @"(?<count>\d{1,3}|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
        + @"(?<unit>day|week|month|year)s?\b", Options)]
    private static partial Regex CountedPeriod();
}
