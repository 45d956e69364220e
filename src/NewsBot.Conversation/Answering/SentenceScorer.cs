using System.Text.RegularExpressions;
using NewsBot.Index;
using NewsBot.Index.Lexical;
using NewsBot.Retrieval;

namespace NewsBot.Conversation.Answering;

/// <summary>
/// Scores how well one sentence answers a question: the IDF-weighted share of the question's terms it contains,
/// helped by how well its story as a whole matches and by whether it holds what the question asks for
/// (a date for "when", a figure for "how much", a name for "who").
/// </summary>
internal sealed partial class SentenceScorer(SearchQuery query, TermStatistics statistics)
{
    private readonly string[] _topicTerms = query.Terms.Except(ConstraintTerms(query)).ToArray();

    /// <summary>The IDF-weighted share of the query's terms that <paramref name="terms"/> contains, 0 to 1.</summary>
    public double Coverage(IReadOnlySet<string> terms) => Coverage(query.Terms, terms);

    /// <summary>
    /// Coverage of what the question is about, leaving out the versions and years it names: a story that only shares
    /// "2031" with "what did Apple announce at WWDC 2031?" is not about the question.
    /// </summary>
    public double TopicCoverage(IReadOnlySet<string> terms) => Coverage(_topicTerms, terms);

    private double Coverage(IReadOnlyCollection<string> wanted, IReadOnlySet<string> terms)
    {
        var total = 0.0;
        var covered = 0.0;
        foreach (var t in wanted)
        {
            var idf = statistics.Idf(t);
            total += idf;
            if (terms.Contains(t)) covered += idf;
        }
        return total <= 0 ? 0 : covered / total;
    }

    private static IEnumerable<string> ConstraintTerms(SearchQuery query) =>
        query.VersionedNames.SelectMany(v => LexicalAnalyzer.Analyze(v.Version))
            .Concat(query.Years.SelectMany(y => LexicalAnalyzer.Analyze(y.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public double Score(string sentence, double storyCoverage, int storyRank)
    {
        var terms = LexicalAnalyzer.Analyze(sentence).ToHashSet();
        var coverage = Coverage(terms);
        var score = 0.6 * coverage + 0.25 * storyCoverage + 0.15 / (1 + storyRank);
        if (coverage > 0 && HoldsWhatIsAsked(sentence)) score += 0.15;
        // Very short fragments ("Related:", list stubs) rarely answer anything on their own.
        if (sentence.Length < 25) score *= 0.5;
        return score;
    }

    /// <summary>A date, figure or name the question does not already contain: what a "when", "how much" or "who" asks for.</summary>
    private bool HoldsWhatIsAsked(string sentence)
    {
        var pattern = query.Type switch
        {
            QuestionType.When => DatePattern(),
            QuestionType.HowMuch => FigurePattern(),
            QuestionType.Who => NamePattern(),
            QuestionType.Which => ProperNounPattern(),
            _ => null,
        };
        return pattern is not null && pattern.Matches(sentence).Any(m => !query.Question.Contains(m.Value, StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|(19|20)\d\d|today|tomorrow|yesterday|next (week|month|year)|this (week|month|year)|Q[1-4]|spring|summer|autumn|fall|winter)\b")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"[$€£¥]\s?\d|\d\s?(%|percent|million|billion|trillion|thousand|per\b)|\b\d[\d,.]*\s?(M|B|K|bn)\b")]
    private static partial Regex FigurePattern();

    [GeneratedRegex(@"\b\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+")]
    private static partial Regex NamePattern();

    // A name inside a sentence (not its first word): "called CISPO", "targets ZLUDA", "Google Antigravity".
    [GeneratedRegex(@"(?<=[\p{Ll},;:(] )\p{Lu}[\p{L}\p{N}\-]+")]
    private static partial Regex ProperNounPattern();
}
