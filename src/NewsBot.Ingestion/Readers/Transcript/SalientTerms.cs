namespace NewsBot.Ingestion.Readers.Transcript;

/// <summary>
/// The names and phrases that set one segment apart from the rest of the episode (tf·idf over segments), for
/// titling segments nobody announced, such as the second half of a long discussion.
/// </summary>
internal sealed class SalientTerms
{
    // Names ("Ernie X1", "Rubin Ultra") identify a topic best, two-word phrases ("scaling laws") next.
    private const double NameWeight = 2;
    private const double PhraseWeight = 1.5;
    private const double WordWeight = 1;
    private const int MaxNameTokens = 3;
    // Said once, a term is a passing mention; a plain word must recur more to be the topic.
    private const int MinOccurrences = 2;
    private const int MinWordOccurrences = 3;
    private const int MinWordLength = 4;

    private readonly List<Dictionary<string, Term>> _segments;
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.OrdinalIgnoreCase);

    public SalientTerms(IEnumerable<IReadOnlyList<Sentence>> segments)
    {
        _segments = segments.Select(Count).ToList();
        foreach (var key in _segments.SelectMany(s => s.Keys))
            _documentFrequency[key] = _documentFrequency.GetValueOrDefault(key) + 1;
    }

    /// <summary>The segment's most distinctive terms, best first, none part of a better one.</summary>
    /// <param name="namesOnly">Only proper names ("Mac Studio"), no common words or phrases.</param>
    public List<string> Top(int segment, int count, bool namesOnly = false)
    {
        var n = _segments.Count;
        var ranked = _segments[segment]
            .Where(t => !namesOnly || t.Value.Weight == NameWeight)
            .Where(t => t.Value.Occurrences >= (t.Value.Weight == WordWeight ? MinWordOccurrences : MinOccurrences))
            .Select(t => (t.Value.Display, Score: t.Value.Weight * t.Value.Occurrences * Math.Log((n + 1.0) / _documentFrequency[t.Key])))
            .OrderByDescending(t => t.Score)
            .ThenBy(t => t.Display, StringComparer.Ordinal);
        var chosen = new List<string>();
        foreach (var (display, _) in ranked)
        {
            if (chosen.Count == count) break;
            if (chosen.Any(c => c.Contains(display, StringComparison.OrdinalIgnoreCase) || display.Contains(c, StringComparison.OrdinalIgnoreCase))) continue;
            chosen.Add(display);
        }
        return chosen;
    }

    private static Dictionary<string, Term> Count(IReadOnlyList<Sentence> sentences)
    {
        var terms = new Dictionary<string, Term>(StringComparer.OrdinalIgnoreCase);
        void Add(string display, double weight)
        {
            if (terms.TryGetValue(display, out var term)) term.Occurrences++;
            else terms[display] = new Term(display, weight);
        }

        foreach (var sentence in sentences)
        {
            var tokens = SpokenWords.Tokens(sentence.Text).ToList();
            var run = new List<string>();
            for (var i = 0; i <= tokens.Count; i++)
            {
                var isName = i < tokens.Count && ProperName.Is(tokens[i], sentenceInitial: i == 0);
                // A version number continues a name: "Ernie 4.5".
                var continuesName = isName || (i < tokens.Count && run.Count > 0 && tokens[i].All(c => char.IsDigit(c) || c == '.'));
                if (continuesName && run.Count < MaxNameTokens)
                {
                    run.Add(tokens[i]);
                    continue;
                }
                if (run.Count > 0) Add(string.Join(' ', run), NameWeight);
                run.Clear();
                if (isName) run.Add(tokens[i]);
                else if (i < tokens.Count && IsTopicWord(tokens[i]))
                {
                    if (tokens[i].Length >= MinWordLength) Add(tokens[i], WordWeight);
                    if (i + 1 < tokens.Count && IsTopicWord(tokens[i + 1])) Add(tokens[i] + " " + tokens[i + 1], PhraseWeight);
                }
            }
        }
        return terms;
    }

    private static bool IsTopicWord(string token) => token.Length >= 3 && token.All(char.IsLower) && !SpokenWords.IsStopword(token);

    private sealed class Term(string display, double weight)
    {
        public string Display { get; } = display;
        public double Weight { get; } = weight;
        public int Occurrences { get; set; } = 1;
    }
}
