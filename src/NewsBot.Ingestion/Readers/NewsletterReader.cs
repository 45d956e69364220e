using NewsBot.Domain;
using NewsBot.Ingestion.Readers.Newsletter;

namespace NewsBot.Ingestion.Readers;

/// <summary>
/// Reads a plain-text newsletter: a title line, maybe an introduction and a contents list, then stories under
/// headlines. Works on repaired text and on text whose emoji are still mojibake.
/// </summary>
public sealed class NewsletterReader : IDocumentReader
{
    // A one-line teaser before the contents list only restates the headlines; an introduction says more.
    private const int MinIntroductionWords = 40;
    // Newsletters state their date up front; a date deep in a story is that story's news, not the date.
    private const int DateSearchLength = 3000;

    public DocumentKind Kind => DocumentKind.Newsletter;

    public double Confidence(SourceText source)
    {
        var profile = TextProfile.Of(source.Text);
        if (!profile.IsReadableText || profile.HasFrontMatter) return 0;

        var (_, paragraphs, layout) = Analyse(source.Text);
        var score = 0.4;
        if (layout.Headlines.Count >= 2) score += 0.4;
        if (layout.Contents is not null || paragraphs.Any(p => p.SourceNames.Count > 0)) score += 0.1;
        // Speech: someone welcoming listeners, or talking the way people talk.
        if (profile.HasShowGreeting || profile.ConversationalPerThousandWords > 8) score -= 0.35;
        return Math.Clamp(score, 0.05, 0.95);
    }

    public ParsedDocument Read(SourceText source)
    {
        var profile = TextProfile.Of(source.Text);
        if (profile.IsEmpty) throw new DocumentFormatException("The newsletter is empty.");
        if (profile.IsBinary) throw new DocumentFormatException("The file is not text (it contains binary data).");
        if (profile.HasFrontMatter) throw new DocumentFormatException("The file starts with YAML front matter: it is a digest, not a plain-text newsletter.");

        var (title, paragraphs, layout) = Analyse(source.Text);
        var firstHeadline = layout.Headlines.Count > 0 ? layout.Headlines[0] : paragraphs.Count;
        var preamble = string.Join("\n", paragraphs.Take(firstHeadline).Select(p => p.Text).Prepend(title.Text));
        var stories = Stories(title.Text, paragraphs, layout);
        if (stories.Count == 0) throw new DocumentFormatException("The newsletter has a title but no story text.");

        return new ParsedDocument
        {
            Title = title.Text,
            Publication = PublicationName.From(title.Text, title.IsHeadline(paragraphs, layout), preamble),
            Kind = DocumentKind.Newsletter,
            Date = StatedDate.First(preamble.Length > DateSearchLength ? preamble[..DateSearchLength] : preamble),
            Stories = stories,
        };
    }

    private static (DocumentTitle Title, List<NewsletterParagraph> Paragraphs, NewsletterLayout Layout) Analyse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var paragraphs = NewsletterParagraphs.Parse(lines, new PlaceholderCitations(text));
        var title = DocumentTitle.TakeFrom(paragraphs);
        return (title, paragraphs, HeadlineFinder.Find(paragraphs));
    }

    private static List<ParsedStory> Stories(string documentTitle, List<NewsletterParagraph> paragraphs, NewsletterLayout layout)
    {
        var stories = new List<ParsedStory>();
        var firstHeadline = layout.Headlines.Count > 0 ? layout.Headlines[0] : paragraphs.Count;
        var introduction = Body(paragraphs, 0, firstHeadline, layout.Contents);
        if (introduction.Count > 0 && (layout.Headlines.Count == 0 || introduction.Sum(p => p.WordCount) >= MinIntroductionWords))
            stories.Add(Story(documentTitle, introduction, []));

        for (var h = 0; h < layout.Headlines.Count; h++)
        {
            var start = layout.Headlines[h];
            var end = h + 1 < layout.Headlines.Count ? layout.Headlines[h + 1] : paragraphs.Count;
            var body = Body(paragraphs, start + 1, end, layout.Contents);
            if (body.Count > 0) stories.Add(Story(HeadlineTitle(paragraphs[start].Text), body, paragraphs[start].SourceNames));
        }
        return stories;
    }

    /// <summary>The paragraphs in [from, to) that are content: not boilerplate, not the contents list.</summary>
    private static List<NewsletterParagraph> Body(List<NewsletterParagraph> paragraphs, int from, int to, TableOfContents? contents) =>
        Enumerable.Range(from, Math.Max(0, to - from))
            .Where(i => contents?.Contains(i) != true && !Boilerplate.Is(paragraphs[i].Text))
            .Select(i => paragraphs[i])
            .ToList();

    private static ParsedStory Story(string title, List<NewsletterParagraph> body, IReadOnlyList<string> headlineNames) => new()
    {
        Title = title,
        Text = string.Join("\n\n", body.Select(p => p.Text)),
        SourceNames = SourceNameList.Distinct(headlineNames.Concat(body.SelectMany(p => p.SourceNames))),
    };

    // Daily newsletters end headlines with a period; a title does not need it.
    private static string HeadlineTitle(string headline) =>
        headline.EndsWith('.') && !headline.EndsWith("..", StringComparison.Ordinal) ? headline[..^1] : headline;

    /// <summary>The newsletter's first line, removed from the paragraphs when it is a title rather than a paragraph.</summary>
    private sealed record DocumentTitle(string Text)
    {
        private const int MaxTitleWords = 25;
        private const int FallbackTitleWords = 12;

        public static DocumentTitle TakeFrom(List<NewsletterParagraph> paragraphs)
        {
            if (paragraphs.Count == 0) return new DocumentTitle("Newsletter");
            var first = paragraphs[0];
            if (first.WordCount <= MaxTitleWords)
            {
                paragraphs.RemoveAt(0);
                return new DocumentTitle(HeadlineTitle(first.Text));
            }
            // No title line: the opening words of the first paragraph stand in, and the paragraph stays.
            return new DocumentTitle(string.Join(' ', first.Text.Split(' ').Take(FallbackTitleWords)) + "…");
        }

        /// <summary>A daily's first line is its lead story's headline, repeated below.</summary>
        public bool IsHeadline(List<NewsletterParagraph> paragraphs, NewsletterLayout layout) =>
            layout.Headlines.Any(h => paragraphs[h].Key == NewsletterParagraph.KeyOf(Text));
    }
}
