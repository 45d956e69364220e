using System.Text.RegularExpressions;
using static NewsBot.Retrieval.Time.TimePatterns;

namespace NewsBot.Retrieval.Time;

/// <summary>Periods the calendar names: "March 2025", "in March", "Q1 2025", "since 2024".</summary>
internal static partial class CalendarPeriods
{
    public static IEnumerable<TimeMention> Find(string question, DateOnly anchor)
    {
        foreach (Match match in MonthOfYear().Matches(question))
        {
            var month = Periods.Month(CalendarWords.Year(match.Groups["year"].Value), CalendarWords.Month(match.Groups["month"].Value));
            yield return TimeMention.Period(match, month, isRelative: false, anchor);
        }
        foreach (Match match in MonthWithoutYear().Matches(question))
            yield return TimeMention.Period(match, MonthWithoutYearRange(match, anchor), isRelative: true, anchor);
        foreach (Match match in QuarterOfYear().Matches(question))
        {
            var quarter = Periods.Quarter(CalendarWords.Year(match.Groups["year"].Value), CalendarWords.Quarter(match.Groups["quarter"].Value));
            yield return TimeMention.Period(match, quarter, isRelative: false, anchor);
        }
        foreach (Match match in SinceYear().Matches(question))
            yield return TimeMention.Period(match, Periods.Year(CalendarWords.Year(match.Groups["year"].Value)), isRelative: false, anchor);
    }

    /// <summary>
    /// The most recent such month that has begun by the anchor, so "in March" asked in March means this March so far.
    /// "last March" asked in March means the year before: "last" points away from the month one is in.
    /// </summary>
    private static DateRange MonthWithoutYearRange(Match match, DateOnly anchor)
    {
        var month = CalendarWords.Month(match.Groups["month"].Value);
        var latest = Periods.LatestMonth(month, anchor);
        var pointsBack = match.Groups["which"].Value.Equals("last", StringComparison.OrdinalIgnoreCase) && month == anchor.Month;
        return pointsBack ? Periods.Month(latest.From.Year - 1, month) : latest;
    }

    [GeneratedRegex(Lead + @"\b" + MonthName + @",?\s+(?:of\s+)?" + Year, Options)]
    private static partial Regex MonthOfYear();

    // A month name alone is a month only after a word that makes it one: "in May", "since March", "this June".
    // Otherwise "May" is mostly the verb and "March" may be a march ("March for Science").
    [GeneratedRegex(@"\b(?:(?:(?<since>since)|in|during|from)\s+|(?<which>this|last)\s+)" + MonthName + @"(?!,?\s+(?:of\s+)?(?:19|20)\d{2}\b)", Options)]
    private static partial Regex MonthWithoutYear();

    [GeneratedRegex(Lead + @"\b(?:(?:q(?<quarter>[1-4])|(?<quarter>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter),?\s+(?:of\s+)?" + Year
        + @"|" + Year + @"\s+q(?<quarter>[1-4])\b)", Options)]
    private static partial Regex QuarterOfYear();

    // A bare year ("in 2025") is left to retrieval's own year handling; only "since" makes a year into a range.
    [GeneratedRegex(@"\b(?<since>since)\s+" + Year, Options)]
    private static partial Regex SinceYear();
}
