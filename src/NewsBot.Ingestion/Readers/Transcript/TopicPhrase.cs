using NewsBot.Domain.Text;
using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers.Transcript;

/// <summary>
/// The topic a host announces, lifted out of the announcing sentence: "In Tools and Apps, the first story is about
/// Baidu launching two new versions of the Ernie model, …" → "Baidu launching two new versions of the Ernie model".
/// </summary>
internal static partial class TopicPhrase
{
    /// <param name="NamesSomething">The phrase names a company, person or product, not just "absurd numbers of hardware".</param>
    public sealed record Topic(string Text, bool NamesSomething);

    private const int MaxWords = 12;
    private const int MinWords = 2;

    /// <summary>The announced topic, or null when the sentence announces nothing specific ("On to a few quick stories.").</summary>
    public static Topic? From(string sentence)
    {
        var whole = sentence.Trim().TrimEnd('.', '!', '?');
        var phrase = whole;
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var preamble in Preambles)
            {
                var stripped = preamble.Replace(phrase, "", 1);
                if (stripped.Length == phrase.Length) continue;
                phrase = stripped;
                changed = true;
            }
        }
        var startsMidSentence = phrase.Length < whole.Length;
        phrase = Hedges().Replace(phrase, "");
        phrase = ResumedSubject().Replace(phrase, "${subject} ");
        phrase = FirstClause(phrase);
        if (Words.Count(phrase) < MinWords || Vague().IsMatch(phrase)) return null;
        return new Topic(char.ToUpperInvariant(phrase[0]) + phrase[1..], ProperName.AnyIn(phrase, startsMidSentence));
    }

    /// <summary>Up to <see cref="MaxWords"/> words, ending where a clause ends rather than on "the" or "of".</summary>
    private static string FirstClause(string phrase)
    {
        var clause = ClauseEnd().Match(phrase) is { Success: true, Index: > 0 } end && Words.Count(phrase.AsSpan(0, end.Index)) >= 4
            ? phrase[..end.Index]
            : phrase;
        var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(MaxWords).ToList();
        while (words.Count > MinWords && SpokenWords.IsStopword(words[^1].ToLowerInvariant().TrimEnd(',', ';'))) words.RemoveAt(words.Count - 1);
        return string.Join(' ', words).TrimEnd(',', ';', ':', '-', '—');
    }

    // What hosts say before the topic itself, stripped repeatedly in any order.
    private static readonly Regex[] Preambles =
    [
        new(@"^(?:and|so|okay|ok|alright|all right|all righty|yeah|well|now|right|also|then|just|first up|to begin|related to)\b[,.!]?\s*", RegexOptions.IgnoreCase),
        new(@"^(?:moving\s+(?:right\s+)?(?:along|on)|on\s*to|speaking of (?:that|which|this)|in fact|up next)\b[,.!]?\s*", RegexOptions.IgnoreCase),
        new(@"^(?:(?:in|to|into)\s+)?(?:the\s+)?(?:" + TransitionCue.SpokenSections + @"|new models)\b[,.!]?\s*", RegexOptions.IgnoreCase),
        new(@"^(?:(?:the|our)\s+)?(?:next|first|last|final)(?:\s+(?:story|one|paper|up))?\b(?:\s+(?:is|we have|here))?(?:\s+(?:also|about|on|from|related to))*[,:]?\s*", RegexOptions.IgnoreCase),
        new(@"^(?:we|i)\s+(?:have|got|have got|begin with|start with|start off with|kick off with|are going to talk about|will talk about)\s+", RegexOptions.IgnoreCase),
        new(@"^(?:there(?:'s|\s+is|\s+are)|this is|here's|it's)\s+", RegexOptions.IgnoreCase),
        new(@"^(?:the\s+)?title of the (?:story|paper|article) is\s+", RegexOptions.IgnoreCase),
        new(@"^(?:\S+\s+){0,6}?titled\s+|^(?:\S+\s+){0,4}?(?:paper|story|article|model|tool|project|startup|product|app|benchmark|feature|site)\s+called\s+", RegexOptions.IgnoreCase),
        new(@"^(?:(?:a|an|the|some)\s+)(?:(?:new|interesting|quick|fun|couple of|few|bit of)\s+)*(?:(?:news|story|finding|report|paper)\s+(?:about|on|that)\s+|paper[,:]?\s+)?", RegexOptions.IgnoreCase),
    ];

    [GeneratedRegex(@"\b(?:apparently|reportedly|supposedly|basically|actually|kind of|sort of|really)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Hedges();

    // "OpenAI and they are releasing …", "OpenAI, they have released …": speech restates the subject.
    [GeneratedRegex(@"^(?<subject>[^\s,]+),? (?:and )?(?:they|them|it)(?: (?:are|is|have|has))? ", RegexOptions.IgnoreCase)]
    private static partial Regex ResumedSubject();

    [GeneratedRegex(@"[,;:]\s|\s(?:which|that|so|because|where)\s")]
    private static partial Regex ClauseEnd();

    // Announcements of what comes, not of what it is about: "a few more quick stories", "something a bit more forward-looking".
    [GeneratedRegex(@"^(?:(?:i|you|we|they|it|this|that|these|those|he|she|something|some|a|one|just|more|quick|quicker|few|couple|of|other)\b[\s,]*)*(?:stories|story|news|things|papers|ones?\b|(?:a bit|bit) more\b)|^(?:i|you|we|they|it|this|that|something)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Vague();
}
