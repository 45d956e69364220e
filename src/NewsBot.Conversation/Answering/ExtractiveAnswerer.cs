using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NewsBot.Domain;
using NewsBot.Domain.Text;
using NewsBot.Index;
using NewsBot.Index.Lexical;
using NewsBot.Retrieval;

namespace NewsBot.Conversation.Answering;

/// <summary>
/// Answers by quoting: it leads with the sentence of the retrieved stories that best answers the question, adds up to
/// a few supporting sentences from other stories, and cites each. Every quote is a verbatim sentence of the story it
/// cites. When the best story does not cover the question, it says it does not know and cites nothing.
/// </summary>
public sealed partial class ExtractiveAnswerer(INewsIndex index, AnswerOptions options) : IAnswerer
{
    public const string NoInformation = "I don't have any information about that in the news I've read.";

    public async Task<Answer> AnswerAsync(RetrievalResult retrieval, CancellationToken cancellationToken = default)
    {
        var query = retrieval.Query;
        var scorer = new SentenceScorer(query, retrieval.TermStatistics);
        var stories = retrieval.Hits.Take(options.CandidateStories).ToList();
        if (stories.Count == 0) return Abstain(query, "nothing in the index matches its words");

        var missing = query.VersionedNames.FirstOrDefault(v => !retrieval.Hits.Any(h => Mentions(h.Story, v)));
        if (missing is not null) return Abstain(query, $"no story mentions {missing}");

        var coverages = stories.Select(h => scorer.Coverage(StoryTerms(h.Story))).ToList();
        if (coverages.Max() < options.MinimumCoverage) return Abstain(query, "no story covers enough of the question");

        var candidates = new List<CandidateSentence>();
        for (var rank = 0; rank < stories.Count; rank++)
        {
            var story = stories[rank].Story;
            foreach (var passage in await index.GetPassagesAsync(story.Id, cancellationToken))
                foreach (var sentence in SentenceSplitter.SplitToStrings(passage.Text))
                    candidates.Add(new CandidateSentence(sentence, story, passage, rank, scorer.Score(sentence, coverages[rank], rank)));
        }
        if (candidates.Count == 0) return Abstain(query, "the matching stories have no text");

        var chosen = Choose(candidates);
        return Compose(query, chosen, stories.Select(s => s.Story));
    }

    /// <summary>The best sentence, then the best sentence of each other story that scores close enough to it.</summary>
    private List<CandidateSentence> Choose(List<CandidateSentence> candidates)
    {
        var ordered = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.StoryRank).ToList();
        var lead = ordered[0];
        var chosen = new List<CandidateSentence> { lead };
        foreach (var c in ordered)
        {
            if (chosen.Count > options.MaxSupportingSentences) break;
            if (c.Score < lead.Score * options.SupportingScoreRatio) break;
            if (chosen.Any(x => x.Story.Id == c.Story.Id)) continue;
            chosen.Add(c);
        }
        return chosen;
    }

    private Answer Compose(SearchQuery query, List<CandidateSentence> chosen, IEnumerable<Story> retrieved)
    {
        var text = new StringBuilder();
        var citations = new List<Citation>();
        for (var i = 0; i < chosen.Count; i++)
        {
            var c = chosen[i];
            var n = i + 1;
            citations.Add(new Citation
            {
                Number = n,
                StoryId = c.Story.Id,
                PassageId = c.Passage.Id,
                Title = c.Story.Title,
                Publication = c.Story.Publication,
                Date = c.Story.Date,
                Url = c.Story.Url,
                Quote = c.Text,
            });
            var sentence = AsClaim(c.Text);
            if (i == 0)
            {
                if (query.Type == QuestionType.When && c.Story.Date is { } date)
                    text.Append(CultureInfo.InvariantCulture, $"{c.Story.Publication} reported on {FormatDate(date)}: ");
                text.Append(CultureInfo.InvariantCulture, $"{sentence} [{n}]");
                if (chosen.Count > 1) text.Append("\n\nRelated:");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\n- {sentence} [{n}]");
            }
        }
        return new Answer
        {
            Text = text.ToString(),
            Citations = citations,
            FollowUps = FollowUps(chosen, retrieved),
        };
    }

    private IReadOnlyList<string> FollowUps(List<CandidateSentence> chosen, IEnumerable<Story> retrieved)
    {
        var lead = chosen[0].Story;
        var suggestions = new List<string>();
        if (lead.Date is null || chosen.Count == 1) suggestions.Add($"Tell me more about \"{Shorten(lead.Title)}\"");
        suggestions.AddRange(retrieved.Where(s => chosen.All(c => c.Story.Id != s.Id)).Select(s => $"What about \"{Shorten(s.Title)}\"?"));
        return suggestions.Distinct().Take(options.MaxFollowUps).ToList();
    }

    private static Answer Abstain(SearchQuery query, string reason) => new()
    {
        Text = NoInformation + (query.VersionedNames.Count > 0 || reason.Length > 0 ? $" ({Capitalize(reason)}.)" : ""),
        Citations = [],
        Abstained = true,
        FollowUps = ["What's the latest AI news?"],
    };

    private static bool Mentions(Story story, VersionedName name)
    {
        var pattern = $@"\b{Regex.Escape(name.Name)}[\s\-]?{Regex.Escape(name.Version)}(?![\d])(?!\.\d)";
        return Regex.IsMatch(story.Title, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)
            || Regex.IsMatch(story.Text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    private static HashSet<string> StoryTerms(Story story) => LexicalAnalyzer.Analyze(story.Title + "\n" + story.Text).ToHashSet();

    /// <summary>Quotes stay verbatim in the citation; in the answer text a trailing colon or dash reads as a cut-off.</summary>
    private static string AsClaim(string sentence) => sentence.TrimEnd(':', '-', '–', ' ');

    private static string FormatDate(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Shorten(string title) => title.Length <= 80 ? title : title[..77].TrimEnd() + "…";

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
