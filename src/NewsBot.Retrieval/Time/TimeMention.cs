using System.Text.RegularExpressions;

namespace NewsBot.Retrieval.Time;

/// <summary>One time expression found in a question: where its words are and what they mean.</summary>
internal readonly record struct TimeMention(int Start, int Length, DateRange? Range, bool IsRelative, bool WantsLatest)
{
    public int End => Start + Length;

    public static TimeMention Latest(Match match) => new(match.Index, match.Length, null, IsRelative: false, WantsLatest: true);

    /// <summary>
    /// The period <paramref name="match"/> names. "since" stretches it to the anchor; a relative period is cut at the
    /// anchor because nothing newer than the anchor exists to be found. An absolute period stays whole even in the
    /// future: whether that is an error is the caller's call.
    /// </summary>
    public static TimeMention Period(Match match, DateRange period, bool isRelative, DateOnly anchor)
    {
        var range = period;
        if (match.Groups["since"].Success)
        {
            // "since March 2027" asked in 2026 has no sensible end; keep the period rather than invent an inverted range.
            if (period.From <= anchor) range = period with { To = anchor };
        }
        else if (isRelative && period.To > anchor)
            range = period with { To = anchor };
        return new TimeMention(match.Index, match.Length, range, isRelative, WantsLatest: false);
    }
}
