using System.Text.RegularExpressions;
using NewsBot.Conversation.Memory;
using NewsBot.Retrieval;
using NewsBot.Retrieval.Time;

namespace NewsBot.Conversation.Understanding;

/// <summary>
/// A question made whole: what to search for; the earlier question it follows up on, if any; and the standalone
/// question the conversation is now about (a later "what about X?" rewrites that one, not "when was that?").
/// </summary>
public sealed record ResolvedQuestion(string Text, string? FollowsUpOn, string Topic);

/// <summary>
/// Makes a follow-up whole from the conversation's previous turn, so that retrieval, which sees one question at a
/// time, gets everything it needs. "What about Google?" asks the previous question again about Google; "when was
/// that?" and other short questions that point back ("it", "that", "they") carry the previous question along.
/// </summary>
public sealed partial class FollowUpResolver(QueryAnalyzer analyzer)
{
    public ResolvedQuestion Resolve(string question, IReadOnlyList<ConversationTurn> history, DateOnly today)
    {
        if (history.Count == 0) return new(question, null, question);
        var previous = history[^1].Topic;

        if (AboutSomethingElse().Match(question) is { Success: true } about)
        {
            var subject = about.Groups["subject"].Value.Trim();
            // "and last month?": the same question, another time.
            var rewritten = TimeExpressions.Parse(subject, today) is { RemainingQuestion: var rest } time && !HasWords(rest)
                ? $"{WithoutTime(previous, today).TrimEnd('?', '.', '!', ' ')} {time.Phrase}?"
                : ReplaceSubject(previous, subject);
            return new(rewritten, previous, rewritten);
        }

        var terms = analyzer.Analyze(question).Terms.Count;
        if (terms == 0 || terms <= 2 && PointsBack().IsMatch(question))
            return new($"{question} {previous}", previous, previous);
        return new(question, null, question);
    }

    private static string WithoutTime(string question, DateOnly today) =>
        TimeExpressions.Parse(question, today)?.RemainingQuestion ?? question;

    /// <summary>
    /// Puts <paramref name="subject"/> in place of the previous question's subject: its first name (capitalised words
    /// other than a question word), else its first word that is not a question or stop word.
    /// </summary>
    private string ReplaceSubject(string previous, string subject)
    {
        foreach (Match name in Name().Matches(previous))
            if (analyzer.Analyze(name.Value).Terms.Count > 0)
                return previous[..name.Index] + subject + previous[(name.Index + name.Length)..];
        foreach (Match word in Word().Matches(previous))
            if (analyzer.Analyze(word.Value).Terms.Count > 0)
                return previous[..word.Index] + subject + previous[(word.Index + word.Length)..];
        return $"{subject} {previous}";
    }

    private static bool HasWords(string text) => text.Any(char.IsLetterOrDigit);

    [GeneratedRegex(@"^\s*(?:and\s+)?(?:what|how)\s+about\s+(?<subject>.+?)\s*[?.!]*\s*$|^\s*and\s+(?<subject>[^?]{1,60}?)\s*\?+\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AboutSomethingElse();

    [GeneratedRegex(@"\b(that|it|this|they|them|those|these|he|she|him|her|its|their|there)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PointsBack();

    // A run of capitalised words or acronyms ("Google DeepMind", "AWS", "GPT-5").
    [GeneratedRegex(@"\b[A-Z][\w\-.:]*(?:\s+[A-Z][\w\-.:]*)*")]
    private static partial Regex Name();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-.:']*")]
    private static partial Regex Word();
}
