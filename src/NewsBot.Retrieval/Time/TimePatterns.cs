using System.Text.RegularExpressions;

namespace NewsBot.Retrieval.Time;

/// <summary>Regex pieces the time recognizers share.</summary>
internal static class TimePatterns
{
    // Questions arrive in any case; invariant matching keeps "I" and "i" the same whatever the machine's culture.
    public const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>
    /// A preposition that only introduces the time words, removed with them. "since" is captured because it changes the
    /// range. "over", "within" and "for" count only before "the" ("for the past week"): elsewhere they tend to belong
    /// to the question ("looking for March 2025 news" keeps "looking for").
    /// </summary>
    public const string Lead = @"(?:\b(?:(?<since>since)|in|during|from)\s+|\b(?:over|within|for)\s+(?=the\b))?";

    /// <summary>A month name or abbreviation; the abbreviation may carry a full stop ("Sept.").</summary>
    public const string MonthName =
        @"(?<month>(?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
        + @"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)";

    /// <summary>A four-digit year of this era or the last; other numbers of four digits are not years here.</summary>
    public const string Year = @"(?<year>(?:19|20)\d{2})\b";

    /// <summary>"this week's news": the possessive goes with the time words.</summary>
    public const string Possessive = @"(?:['’]s\b)?";
}
