using System.Globalization;

namespace NewsBot.Retrieval.Time;

/// <summary>The words of dates and counts, as numbers.</summary>
internal static class CalendarWords
{
    // Every month name and abbreviation ("Sept.", "September") starts with these three letters.
    private static readonly string[] MonthPrefixes = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly string[] SmallNumbers =
        ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    private static readonly string[] QuarterOrdinals = ["first", "second", "third", "fourth"];

    /// <summary>"March", "Mar", "Sept." → 3, 3, 9.</summary>
    public static int Month(string name) => Array.IndexOf(MonthPrefixes, name[..3].ToLowerInvariant()) + 1;

    public static int Year(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>"3", "three", "a couple of", "a few" → 3, 3, 2, 3.</summary>
    public static int Count(string words)
    {
        if (char.IsAsciiDigit(words[0])) return int.Parse(words, NumberStyles.None, CultureInfo.InvariantCulture);
        var lower = words.ToLowerInvariant();
        if (lower.Contains("couple", StringComparison.Ordinal)) return 2;
        if (lower.Contains("few", StringComparison.Ordinal)) return 3;
        return Array.IndexOf(SmallNumbers, lower) + 2;
    }

    /// <summary>"2", "second", "2nd" → 2.</summary>
    public static int Quarter(string words) =>
        char.IsAsciiDigit(words[0]) ? words[0] - '0' : Array.IndexOf(QuarterOrdinals, words.ToLowerInvariant()) + 1;
}
