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
        if (retrieval.Hits.Count == 0) return Abstain(query, "nothing in the index matches its words");

        // A question about "Grok 5" or "WWDC 2031" is only answered from stories that mention that version or year.
        var stories = retrieval.Hits.Where(h => query.VersionedNames.All(v => Mentions(h.Story, v)) && query.Years.All(y => IsAbout(h.Story, y)))
            .Take(options.CandidateStories).ToList();
        if (stories.Count == 0)
            return Abstain(query, "no story mentions " + string.Join(" or ", query.VersionedNames.Select(v => v.ToString()).Concat(query.Years.Select(y => y.ToString(CultureInfo.InvariantCulture)))));

        var storyTerms = stories.Select(h => StoryTerms(h.Story)).ToList();
        if (storyTerms.Max(scorer.TopicCoverage) < options.MinimumCoverage) return Abstain(query, "no story covers enough of the question");
        var coverages = storyTerms.Select(scorer.Coverage).ToList();

        var candidates = new List<CandidateSentence>();
        for (var rank = 0; rank < stories.Count; rank++)
        {
            var story = stories[rank].Story;
            foreach (var passage in await index.GetPassagesAsync(story.Id, cancellationToken))
                foreach (var sentence in SentenceSplitter.SplitToStrings(passage.Text))
                    candidates.Add(new CandidateSentence(sentence, story, passage, rank, scorer.Score(sentence, coverages[rank], rank)));
        }
        if (candidates.Count == 0) return Abstain(query, "the matching stories have no text");

        return Compose(query, Choose(candidates), stories.Select(s => s.Story));
    }

    /// <summary>
    /// The best sentence, with the next best ones of the same story when they score close (one citation covers them), then
    /// the best sentence of each other story that scores close enough to the lead.
    /// </summary>
    private List<Claim> Choose(List<CandidateSentence> candidates)
    {
        var ordered = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.StoryRank).ToList();
        var lead = ordered[0];
        var threshold = lead.Score * options.SupportingScoreRatio;
        var companions = ordered.Skip(1).Where(c => c.Story.Id == lead.Story.Id && c.Text != lead.Text && c.Score >= threshold).Take(options.LeadStorySentences - 1).ToList();
        var claims = new List<Claim> { new(lead, companions) };
        foreach (var c in ordered)
        {
            if (claims.Count > options.MaxSupportingSentences || c.Score < threshold) break;
            if (claims.Any(x => x.Quote.Story.Id == c.Story.Id)) continue;
            claims.Add(new Claim(c, []));
        }
        return claims;
    }

    /// <summary>What one <c>[n]</c> marker stands behind: the quoted sentence, and for the lead possibly a second sentence of the same story.</summary>
    private sealed record Claim(CandidateSentence Quote, IReadOnlyList<CandidateSentence> Companions)
    {
        /// <summary>The sentences in the order the story has them.</summary>
        public string Text(Func<string, string> asClaim) => string.Join(' ', Companions.Prepend(Quote)
            .OrderBy(c => c.Passage.Ordinal).ThenBy(c => c.Passage.Text.IndexOf(c.Text, StringComparison.Ordinal)).Select(c => asClaim(c.Text)));
    }

    private Answer Compose(SearchQuery query, List<Claim> claims, IEnumerable<Story> retrieved)
    {
        var text = new StringBuilder();
        var citations = new List<Citation>();
        for (var i = 0; i < claims.Count; i++)
        {
            var c = claims[i].Quote;
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
            var sentence = claims[i].Text(AsClaim);
            if (i == 0)
            {
                if (query.Type == QuestionType.When && c.Story.Date is { } date)
                    text.Append(CultureInfo.InvariantCulture, $"{c.Story.Publication} reported on {AnswerWording.Date(date)}: ");
                text.Append(CultureInfo.InvariantCulture, $"{sentence} [{n}]");
                if (claims.Count > 1) text.Append("\n\nRelated:");
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
            FollowUps = FollowUps(claims.Select(c => c.Quote).ToList(), retrieved),
        };
    }

    private IReadOnlyList<string> FollowUps(List<CandidateSentence> chosen, IEnumerable<Story> retrieved)
    {
        var lead = chosen[0].Story;
        var suggestions = new List<string>();
        if (lead.Date is null || chosen.Count == 1) suggestions.Add($"Tell me more about \"{AnswerWording.Shorten(lead.Title)}\"");
        suggestions.AddRange(retrieved.Where(s => chosen.All(c => c.Story.Id != s.Id)).Select(s => $"What about \"{AnswerWording.Shorten(s.Title)}\"?"));
        return suggestions.Distinct().Take(options.MaxFollowUps).ToList();
    }

    private static Answer Abstain(SearchQuery query, string reason) => new()
    {
        Text = NoInformation + (query.VersionedNames.Count > 0 || reason.Length > 0 ? $" ({Capitalize(reason)}.)" : ""),
        Citations = [],
        Abstained = true,
        FollowUps = ["What's the latest AI news?"],
    };

    /// <summary>
    /// The name, then its version, with at most a few words (no other numbers) between them:
    /// "Pika Labs releases AI video generator 2.0" mentions Pika 2.0; "GPT-4 in 6 months" does not mention GPT 6.
    /// </summary>
    private static bool Mentions(Story story, VersionedName name)
    {
        var pattern = $@"\b{Regex.Escape(name.Name)}(?:(?:[\s\-]+\p{{L}}[\p{{L}}'’]*){{0,5}}[\s\-]*|[\s\-]*)v?{Regex.Escape(name.Version)}(?![\w])(?!\.\d)";
        return Regex.IsMatch(story.Title, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)
            || Regex.IsMatch(story.Text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    private static bool IsAbout(Story story, int year)
    {
        var text = year.ToString(CultureInfo.InvariantCulture);
        return story.Date?.Year == year || story.Title.Contains(text, StringComparison.Ordinal) || story.Text.Contains(text, StringComparison.Ordinal);
    }

    private static HashSet<string> StoryTerms(Story story) => LexicalAnalyzer.Analyze(story.Title + "\n" + story.Text).ToHashSet();

    /// <summary>Quotes stay verbatim in the citation; in the answer text a trailing colon or dash reads as a cut-off.</summary>
    private static string AsClaim(string sentence) => sentence.TrimEnd(':', '-', '–', ' ');

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
