using NewsBot.Index;
using NewsBot.Index.Lexical;

namespace NewsBot.Retrieval.Hybrid;

/// <summary>
/// How much of a question a story's text covers: the IDF-weighted share of the question's terms that occur in the
/// story's title or passage, from 0 (none) to 1 (all). Unlike a BM25 score, it is comparable across questions, so it
/// also says how well keyword search did at all.
/// </summary>
public sealed class TermCoverage(IReadOnlyList<string> terms, TermStatistics statistics, IReadOnlyList<IReadOnlyList<string>>? alternatives = null)
{
    private readonly double[] _weights = terms.Select(statistics.Idf).ToArray();
    private readonly double _total = terms.Sum(statistics.Idf);

    public double Of(string title, string text)
    {
        if (_total <= 0) return 0;
        var inTitle = TermSets.Of(title);
        var inText = TermSets.Of(text);
        var matched = 0.0;
        for (var i = 0; i < terms.Count; i++)
            if (Holds(terms[i]) || Alternative(i)) matched += _weights[i];
        return matched / _total;

        bool Holds(string term) => inTitle.Contains(term) || inText.Contains(term);
        // A term also counts as present when one of its other names is ("amazon" in the question, "aws" in the story).
        bool Alternative(int term) => alternatives is not null && term < alternatives.Count && alternatives[term].Any(Holds);
    }
}
