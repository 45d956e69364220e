using System.Text.RegularExpressions;
using static NewsBot.Retrieval.Time.TimePatterns;

namespace NewsBot.Retrieval.Time;

/// <summary>Words that ask for the newest news without naming a period: "latest", "recently", "what's new".</summary>
internal static partial class LatestWords
{
    public static IEnumerable<TimeMention> Find(string question) =>
        Pattern().Matches(question).Select(TimeMention.Latest);

    // "new" alone describes a thing ("a new model"), not a time; only the idioms around it ask for news.
    // "in recent weeks" comes before "recent" so that the whole idiom goes, not just its adjective.
    [GeneratedRegex(@"\b(?:(?:(?:in|over)\s+(?:the\s+)?)?recent\s+(?:days|weeks|months)|most\s+recent(?:ly)?|recent(?:ly)?"
        + @"|latest|newest|lately|currently|nowadays|right\s+now|these\s+days|(?:what(?:['’]?s|\s+is)|anything)\s+new)\b", Options)]
    private static partial Regex Pattern();
}
