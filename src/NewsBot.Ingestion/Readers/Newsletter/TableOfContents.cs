using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers.Newsletter;

/// <summary>
/// An "In today's Edition:" list naming the stories that follow. Each entry is repeated as the story's headline,
/// so the list finds headlines whatever the emoji in front of them became.
/// </summary>
/// <param name="HeaderIndex">The paragraph that announces the list.</param>
/// <param name="Entries">Paragraph indices of the entries, which follow the header.</param>
internal sealed partial record TableOfContents(int HeaderIndex, IReadOnlyList<int> Entries)
{
    // A contents list is a handful of short lines; anything longer is already the body.
    private const int MaxEntries = 20;
    private const int MaxEntryWords = 30;

    public int End => Entries.Count == 0 ? HeaderIndex + 1 : Entries[^1] + 1;

    public bool Contains(int index) => index == HeaderIndex || Entries.Contains(index);

    public static TableOfContents? Find(IReadOnlyList<NewsletterParagraph> paragraphs)
    {
        var header = -1;
        for (var i = 0; i < paragraphs.Count && header < 0; i++)
            if (Header().IsMatch(paragraphs[i].Text)) header = i;
        if (header < 0) return null;

        var entries = new List<int>();
        var seen = new HashSet<string>();
        for (var i = header + 1; i < paragraphs.Count && entries.Count < MaxEntries; i++)
        {
            var p = paragraphs[i];
            // The first headline repeated means the list is over and the stories begin.
            if (p.WordCount > MaxEntryWords || !seen.Add(p.Key)) break;
            entries.Add(i);
        }
        return entries.Count == 0 ? null : new TableOfContents(header, entries);
    }

    [GeneratedRegex(@"^(?:in today\S{0,3}s (?:edition|issue)|in this (?:edition|issue)|today\S{0,3}s (?:edition|issue|stories|topics)|table of contents)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Header();
}
