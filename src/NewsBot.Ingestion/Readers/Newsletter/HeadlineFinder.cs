namespace NewsBot.Ingestion.Readers.Newsletter;

/// <summary>
/// Decides which paragraphs are story headlines, by the strongest evidence the newsletter offers: its contents
/// list, else emoji-led lines, else short title-like lines standing alone between blank lines.
/// </summary>
internal static class HeadlineFinder
{
    private const int MaxTitleWords = 16;
    private const int MaxSymbolHeadlineWords = 25;

    public static NewsletterLayout Find(IReadOnlyList<NewsletterParagraph> paragraphs)
    {
        if (TableOfContents.Find(paragraphs) is { } contents && FromContents(paragraphs, contents) is { Count: > 0 } listed)
            return new NewsletterLayout(listed, contents);

        var symbolLed = Enumerable.Range(0, paragraphs.Count)
            .Where(i => paragraphs[i].LedBySymbol && paragraphs[i].WordCount <= MaxSymbolHeadlineWords)
            .ToList();
        if (symbolLed.Count >= 2) return new NewsletterLayout(symbolLed, null);

        return new NewsletterLayout(Enumerable.Range(0, paragraphs.Count).Where(i => IsStandaloneTitle(paragraphs, i)).ToList(), null);
    }

    /// <summary>Each entry's repetition in the body, in order; entries the body never repeats are skipped.</summary>
    private static List<int> FromContents(IReadOnlyList<NewsletterParagraph> paragraphs, TableOfContents contents)
    {
        var headlines = new List<int>();
        var from = contents.End;
        foreach (var entry in contents.Entries)
        {
            var key = paragraphs[entry].Key;
            for (var i = from; i < paragraphs.Count; i++)
            {
                if (paragraphs[i].Key != key) continue;
                headlines.Add(i);
                from = i + 1;
                break;
            }
        }
        return headlines;
    }

    /// <summary>
    /// A headline in a blank-line separated newsletter: a short line alone in its block, after a finished
    /// paragraph and before a longer one, shaped like a title (capitalised, no closing period or colon).
    /// </summary>
    private static bool IsStandaloneTitle(IReadOnlyList<NewsletterParagraph> paragraphs, int i)
    {
        var p = paragraphs[i];
        if (i + 1 >= paragraphs.Count) return false;
        var next = paragraphs[i + 1];
        var standsAlone = (i == 0 || p.AfterBlank) && next.AfterBlank;
        var followsFinishedParagraph = i == 0 || paragraphs[i - 1].EndsSentence;
        return standsAlone && followsFinishedParagraph && LooksLikeTitle(p) && next.WordCount > p.WordCount;
    }

    private static bool LooksLikeTitle(NewsletterParagraph p) =>
        p.WordCount is >= 2 and <= MaxTitleWords
        && (char.IsUpper(p.Text[0]) || char.IsDigit(p.Text[0]))
        && p.Text[^1] is not ('.' or ',' or ';' or ':' or '—' or '–' or '-');
}

/// <summary>Where a newsletter's stories start, and the contents list to leave out, if it has one.</summary>
internal sealed record NewsletterLayout(IReadOnlyList<int> Headlines, TableOfContents? Contents);
