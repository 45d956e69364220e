using System.Text;
using System.Text.RegularExpressions;

namespace NewsBot.Retrieval.Time;

/// <summary>
/// Reads what a question says about time ("last week", "in March 2025", "latest") so retrieval can filter by date
/// instead of searching for the words "last" and "week".
/// </summary>
public static partial class TimeExpressions
{
    /// <summary>
    /// Finds the time expressions in <paramref name="question"/>; relative ones are computed against
    /// <paramref name="anchor"/> (today, or the newest story's date). Null when the question says nothing about time.
    /// </summary>
    public static TimeIntent? Parse(string question, DateOnly anchor)
    {
        ArgumentNullException.ThrowIfNull(question);
        var mentions = Unambiguous(
            RelativePeriods.Find(question, anchor)
                .Concat(CalendarPeriods.Find(question, anchor))
                .Concat(LatestWords.Find(question)));
        if (mentions.Count == 0) return null;

        // A question naming two periods ("from March 2025 to last week") is beyond a single range; the first one
        // named is usually the one the question is about.
        var period = mentions.FirstOrDefault(m => m.Range is not null);
        return new TimeIntent
        {
            Range = period.Range,
            IsRelative = period.Range is not null && period.IsRelative,
            WantsLatest = mentions.Any(m => m.WantsLatest),
            Phrase = string.Join(", ", mentions.Select(m => question.Substring(m.Start, m.Length).Trim())),
            RemainingQuestion = Without(question, mentions),
        };
    }

    /// <summary>
    /// Where recognizers claim overlapping words ("in March" inside "in March 2025"), the one starting first wins,
    /// then the longer one: the longer reading has seen more of what the user wrote.
    /// </summary>
    private static List<TimeMention> Unambiguous(IEnumerable<TimeMention> candidates)
    {
        var kept = new List<TimeMention>();
        foreach (var mention in candidates.OrderBy(m => m.Start).ThenByDescending(m => m.Length))
            if (kept.Count == 0 || mention.Start >= kept[^1].End)
                kept.Add(mention);
        return kept;
    }

    private static string Without(string question, List<TimeMention> mentions)
    {
        var rest = new StringBuilder(question.Length);
        var position = 0;
        foreach (var mention in mentions)
        {
            rest.Append(question, position, mention.Start - position).Append(' ');
            position = mention.End;
        }
        rest.Append(question, position, question.Length - position);

        var text = Whitespace().Replace(rest.ToString(), " ");
        text = SpaceBeforePunctuation().Replace(text, "$1");
        // Removing "latest" from "Google news, latest?" strands the comma that separated it.
        text = StrandedSeparator().Replace(text, "");
        text = text.Trim().TrimStart(',', ';', ':').Trim();
        // "What's new?" leaves only its question mark, which is not a question.
        return text.Any(char.IsLetterOrDigit) ? text : "";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s+([?.!,;:])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"[,;:]+(?=[?.!,;:]|\s*$)")]
    private static partial Regex StrandedSeparator();
}
