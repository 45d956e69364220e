using System.Text;
using System.Text.RegularExpressions;
using NewsBot.Domain;
using NewsBot.Domain.Text;
using NewsBot.Index.Lexical;

namespace NewsBot.Conversation.Generation;

/// <summary>
/// The <c>[n]</c> markers of a generated answer: kept only where n is a source the model was given (others are
/// removed, also while the text streams), and turned into citations with a verbatim quote of the cited passage.
/// </summary>
public static partial class CitationMarkers
{
    /// <summary>The answer text without any marker: what an earlier turn shows the model.</summary>
    public static string Strip(string text) => Marker().Replace(text, "").Replace(" \n", "\n").TrimEnd();

    /// <summary>
    /// <paramref name="text"/> with every marker group rewritten to the valid numbers it holds (<c>[1, 7]</c> with
    /// 3 sources → <c>[1]</c>); a group with none is removed with the space before it.
    /// </summary>
    public static string Keep(string text, int sources) => Marker().Replace(text, m =>
    {
        var valid = Numbers(m.Groups["numbers"].Value).Where(n => n >= 1 && n <= sources).Distinct().ToList();
        if (valid.Count > 0) return m.Groups["space"].Value + string.Concat(valid.Select(n => $"[{n}]"));
        return "";
    });

    /// <summary>The numbers cited, in the order they first appear.</summary>
    public static List<int> Cited(string text) =>
        Marker().Matches(text).SelectMany(m => Numbers(m.Groups["numbers"].Value)).Distinct().ToList();

    /// <summary>
    /// One citation per cited source, numbered as in the text; its quote is the sentence of the source's passage that
    /// shares most words with the sentences citing it.
    /// </summary>
    public static List<Citation> Citations(string text, NumberedSources sources)
    {
        var claims = SentenceSplitter.SplitToStrings(text).ToList();
        var citations = new List<Citation>();
        foreach (var number in Cited(text))
        {
            if (sources[number] is not { } source) continue;
            var claimTerms = claims.Where(c => Cited(c).Contains(number)).SelectMany(c => LexicalAnalyzer.Analyze(Strip(c))).ToHashSet();
            var sentences = SentenceSplitter.SplitToStrings(source.Hit.Passage.Text).DefaultIfEmpty(source.Hit.Passage.Text);
            var quote = sentences.MaxBy(s => LexicalAnalyzer.Analyze(s).Count(claimTerms.Contains))!;
            var story = source.Hit.Story;
            citations.Add(new Citation
            {
                Number = number,
                StoryId = story.Id,
                PassageId = source.Hit.Passage.Id,
                Title = story.Title,
                Publication = story.Publication,
                Date = story.Date,
                Url = story.Url,
                Quote = quote.Trim(),
            });
        }
        return citations;
    }

    private static IEnumerable<int> Numbers(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => int.TryParse(n, out var v) ? v : -1);

    [GeneratedRegex(@"(?<space>\s?)\[(?<numbers>\d{1,3}(?:\s*,\s*\d{1,3})*)\]")]
    private static partial Regex Marker();

    /// <summary>
    /// <see cref="Keep"/> over a stream: text is passed on as it comes, except a tail that may still become a marker
    /// (an opening bracket, digits, commas), held until it is one or cannot be.
    /// </summary>
    public sealed class StreamFilter(int sources)
    {
        private readonly StringBuilder _pending = new();

        public string Push(string chunk)
        {
            _pending.Append(chunk);
            var text = _pending.ToString();
            var hold = HeldTail(text);
            var ready = text[..^hold.Length];
            // A space may be the one before a marker still to come (a removed marker takes its space along).
            if (ready.Length > 0 && char.IsWhiteSpace(ready[^1])) (ready, hold) = (ready[..^1], ready[^1] + hold);
            _pending.Clear().Append(hold);
            return Keep(ready, sources);
        }

        public string Flush()
        {
            var rest = Keep(_pending.ToString(), sources);
            _pending.Clear();
            return rest;
        }

        /// <summary>From the last '[' on, when nothing after it rules a marker out.</summary>
        private static string HeldTail(string text)
        {
            var open = text.LastIndexOf('[');
            if (open < 0 || text.Length - open > 24) return "";
            for (var i = open + 1; i < text.Length; i++)
                if (!char.IsAsciiDigit(text[i]) && text[i] is not (',' or ' ')) return "";
            return text[open..];
        }
    }
}
