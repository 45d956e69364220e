using System.Text.RegularExpressions;
using NewsBot.Domain;
using NewsBot.Index;
using NewsBot.Retrieval.Expansion;
using NewsBot.Index.Lexical;

namespace NewsBot.Retrieval;

/// <summary>Turns a user's question into a <see cref="SearchQuery"/>.</summary>
public sealed partial class QueryAnalyzer(AliasTable aliases)
{
    public QueryAnalyzer() : this(AliasTable.Default) { }

    // Words that shape a question but never name what it is about.
    private static readonly HashSet<string> QuestionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "what", "whats", "which", "who", "whom", "whose", "when", "where", "why", "how", "much", "many", "did", "does", "do",
        "is", "are", "was", "were", "has", "have", "had", "any", "anything", "news", "called", "call", "name", "named",
        "tell", "me", "about", "know", "lol", "say", "said", "per", "ever", "actually", "really", "get", "got", "there",
        "someone", "something", "thing", "things", "happened", "happen", "going", "go", "on", "been", "lately", "please",
        "podcast", "episode", "ep", "hosts", "host", "they", "their", "think", "just", "that", "this",
    };

    private static readonly HashSet<string> NotProductNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "top", "into", "than", "over", "under", "about", "around", "series", "version", "top", "the", "of", "in", "on", "for",
        "and", "or", "to", "by", "with", "at", "from", "up", "to", "last", "first", "next", "past", "only", "least", "most",
    };

    // Abbreviations people type that stories usually spell out; the expansion is searched alongside.
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rl"] = "reinforcement learning", ["llm"] = "large language model", ["llms"] = "large language models",
        ["ml"] = "machine learning", ["nlp"] = "natural language processing", ["cv"] = "computer vision",
        ["agi"] = "artificial general intelligence", ["av"] = "autonomous vehicle", ["avs"] = "autonomous vehicles",
        ["gen ai"] = "generative", ["genai"] = "generative", ["sota"] = "state of the art", ["vlm"] = "vision language model",
        ["moe"] = "mixture of experts", ["rlhf"] = "reinforcement learning from human feedback", ["ceo"] = "chief executive",
    };

    public SearchQuery Analyze(string question, SearchFilter? filter = null)
    {
        var words = WordPattern().Matches(question).Select(m => m.Value.Trim('\'', '’')).Where(w => w.Length > 0).ToList();
        var kept = string.Join(' ', words.Where(w => !QuestionWords.Contains(w.Replace("'s", "").Replace("’s", "")))
            .Concat(words.Select(w => Abbreviations.GetValueOrDefault(w)).OfType<string>()));
        var terms = LexicalAnalyzer.Analyze(kept).Distinct().ToList();
        return new SearchQuery
        {
            Question = question,
            Terms = terms,
            TermAlternatives = Alternatives(question, terms),
            VersionedNames = FindVersionedNames(question),
            Years = YearPattern().Matches(question).Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList(),
            KindHint = TranscriptHint().IsMatch(question) ? DocumentKind.Transcript : null,
            Type = ClassifyQuestion(question),
            Filter = filter ?? SearchFilter.None,
        };
    }

    // A one-word name with one-word other names ("amazon" → "aws"): a story using either covers that term.
    private IReadOnlyList<IReadOnlyList<string>> Alternatives(string question, List<string> terms)
    {
        var alternatives = terms.Select(_ => new List<string>()).ToList();
        foreach (var (name, otherNames) in aliases.Matches(question))
        {
            if (LexicalAnalyzer.Analyze(name).ToList() is not [var term]) continue;
            var position = terms.IndexOf(term);
            if (position < 0) continue;
            foreach (var other in otherNames)
                if (LexicalAnalyzer.Analyze(other).ToList() is [var alternative] && !alternatives[position].Contains(alternative))
                    alternatives[position].Add(alternative);
        }
        return alternatives;
    }

    private static IReadOnlyList<VersionedName> FindVersionedNames(string question) =>
        VersionedNamePattern().Matches(question)
            .Select(m => new VersionedName(m.Groups["name"].Value, m.Groups["version"].Value))
            .Where(v => !NotProductNames.Contains(v.Name) && !QuestionWords.Contains(v.Name) && !IsYear(v.Version))
            .DistinctBy(v => v.ToString().ToLowerInvariant())
            .ToList();

    private static bool IsYear(string version) => version.Length == 4 && version[0] is '1' or '2' && !version.Contains('.');

    private static QuestionType ClassifyQuestion(string question)
    {
        var q = question.TrimStart().ToLowerInvariant();
        if (q.StartsWith("when") || q.Contains(" when ") || q.Contains("what date") || q.Contains("how long") || q.Contains("what year")) return QuestionType.When;
        if (q.StartsWith("who") || q.Contains(" who ") || q.StartsWith("which ") && q.Contains(" person")) return QuestionType.Who;
        if (q.Contains("how much") || q.Contains("how many") || q.Contains("what fraction") || q.Contains("what percent") || q.Contains("cost")) return QuestionType.HowMuch;
        if (q.StartsWith("which") || q.StartsWith("what")) return QuestionType.Which;
        return QuestionType.Other;
    }

    [GeneratedRegex(@"(?<![\d.$€£])\b(19[89]\d|20\d\d)\b(?![\d%])")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’.\-]*")]
    private static partial Regex WordPattern();

    // "GPT-6", "Llama 5", "grok 5", "Pika 2.0": a name of two or more letters, then a version number.
    [GeneratedRegex(@"\b(?<name>[A-Za-z][A-Za-z]+)(?:[ -])?(?<version>\d+(?:\.\d+)?)(?![\d%])(?!\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex VersionedNamePattern();

    [GeneratedRegex(@"\b(podcast|episode|the ep\b|the hosts|andrei|andrey|jeremy)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TranscriptHint();
}
