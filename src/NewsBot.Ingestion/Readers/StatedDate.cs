using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers;

/// <summary>
/// Finds a calendar date a text states outright ("December 1, 2025", "1 December 2025", "1-Dec-2025",
/// "2025-12-01", "the first week of December 2025"). A month or a year alone is not a date: guessing the day
/// would invent one.
/// </summary>
internal static partial class StatedDate
{
    /// <summary>The date stated earliest in <paramref name="text"/>, or null.</summary>
    public static DateOnly? First(string text)
    {
        DateOnly? best = null;
        var bestAt = int.MaxValue;
        foreach (var (pattern, read) in Readers)
        {
            foreach (Match m in pattern.Matches(text))
            {
                if (m.Index >= bestAt) break;
                if (read(m) is { } date)
                {
                    best = date;
                    bestAt = m.Index;
                    break;
                }
            }
        }
        return best;
    }

    private const string Month =
        "(?<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

    private static readonly (Regex Pattern, Func<Match, DateOnly?> Read)[] Readers =
    [
        (IsoDate(), m => Make(Int(m, "year"), Int(m, "month"), Int(m, "day"))),
        (DayMonthYear(), m => Make(Int(m, "year"), MonthNumber(m), Int(m, "day"))),
        (MonthDayYear(), m => Make(Int(m, "year"), MonthNumber(m), Int(m, "day"))),
        // A week's first day is the one date such a phrase pins down.
        (WeekOfMonth(), m => Make(Int(m, "year"), MonthNumber(m), 1 + 7 * WeekIndex(m.Groups["week"].Value))),
    ];

    [GeneratedRegex(@"\b(?<year>(?:19|20)\d\d)-(?<month>\d\d)-(?<day>\d\d)\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?<day>\d{1,2})(?:st|nd|rd|th)?[ \-]" + Month + @"\.?[ \-,]+(?<year>(?:19|20)\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"\b" + Month + @"\.? (?<day>\d{1,2})(?:st|nd|rd|th)?,? (?<year>(?:19|20)\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"\b(?<week>first|second|third|fourth|1st|2nd|3rd|4th) week of " + Month + @",? (?<year>(?:19|20)\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeekOfMonth();

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    private static int MonthNumber(Match m) => m.Groups["month"].Value[..3].ToLowerInvariant() switch
    {
        "jan" => 1, "feb" => 2, "mar" => 3, "apr" => 4, "may" => 5, "jun" => 6,
        "jul" => 7, "aug" => 8, "sep" => 9, "oct" => 10, "nov" => 11, _ => 12,
    };

    private static int WeekIndex(string week) => week.ToLowerInvariant() switch
    {
        "first" or "1st" => 0,
        "second" or "2nd" => 1,
        "third" or "3rd" => 2,
        _ => 3,
    };

    private static DateOnly? Make(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
}
