namespace NewsBot.Ingestion.Readers.Newsletter;

/// <summary>Turns a newsletter's lines into clean paragraphs: no markup, no credits, no paragraphs broken in two.</summary>
internal static class NewsletterParagraphs
{
    public static List<NewsletterParagraph> Parse(IEnumerable<string> lines, PlaceholderCitations citations)
    {
        var paragraphs = new List<NewsletterParagraph>();
        var orphanNames = new List<string>();
        var afterBlank = false;
        foreach (var raw in lines)
        {
            if (raw.Trim().Length == 0)
            {
                afterBlank = true;
                continue;
            }
            var (text, names) = citations.Extract(InlineMarkup.Strip(raw));
            text = LeadingMarker.Strip(text);
            if (text.Length == 0)
            {
                // A line of nothing but credits credits the paragraph before it.
                if (paragraphs.Count > 0) paragraphs[^1] = paragraphs[^1] with { SourceNames = [.. paragraphs[^1].SourceNames, .. names] };
                else orphanNames.AddRange(names);
                continue;
            }
            var paragraph = new NewsletterParagraph(text, [.. orphanNames, .. names], afterBlank, LeadingMarker.StartsWithSymbol(raw));
            orphanNames.Clear();
            if (paragraphs.Count > 0 && ContinuesAcrossBlank(paragraphs[^1], paragraph))
                paragraphs[^1] = Join(paragraphs[^1], paragraph);
            else
                paragraphs.Add(paragraph);
            afterBlank = false;
        }
        return paragraphs;
    }

    /// <summary>
    /// A paragraph the export split at a blank line ("…10 gigawatts of AI" / "computing capacity—…"): the first
    /// part stops without punctuation and the second starts with a lowercase word. Single line breaks are not
    /// rejoined: they separate list items, which legitimately look like that.
    /// </summary>
    private static bool ContinuesAcrossBlank(NewsletterParagraph previous, NewsletterParagraph next) =>
        next.AfterBlank && !next.LedBySymbol && !previous.EndsSentence && StartsWithLowercaseWord(next.Text);

    // "iPhone" or "xAI" open sentences too; only an all-lowercase first word marks a continuation.
    private static bool StartsWithLowercaseWord(string text)
    {
        var end = text.IndexOf(' ');
        var word = end < 0 ? text : text[..end];
        return word.Length > 0 && char.IsLower(word[0]) && !word.Any(char.IsUpper);
    }

    private static NewsletterParagraph Join(NewsletterParagraph first, NewsletterParagraph second)
    {
        var separator = first.Text[^1] is '—' or '–' ? "" : " ";
        return first with
        {
            Text = first.Text + separator + second.Text,
            SourceNames = [.. first.SourceNames, .. second.SourceNames],
        };
    }
}
