using System.Text.RegularExpressions;
using NewsBot.Domain;

namespace NewsBot.Ingestion.Readers.Digest;

/// <summary>What a digest body holds: its linked stories, and the prose outside them.</summary>
internal sealed record DigestBody(IReadOnlyList<ParsedStory> Stories, ProseSections Prose);

/// <summary>
/// Reads a digest body (after <see cref="DigestLineFilter"/>) into stories in one pass, paragraph by paragraph,
/// tracking the current section and the story being collected. The layouts of 2018–2026:
/// (a) "#### [Title](url)" story headings, then body paragraphs, a byline, "Related:"/"More on this:" link lists;
/// (b) one-line stories under section headings: "[Title](url) - "quote"", "[Title](url). Summary", "* [Title](url)";
/// (c) 2018's "### Heading" followed by "> Source, ["Title"](url)" credit lines, then the editors' paragraphs.
/// </summary>
internal sealed partial class DigestBodyParser
{
    /// <summary>How a story started, which decides what the paragraphs after it belong to.</summary>
    private enum StoryShape
    {
        /// <summary>A story heading: everything up to the next heading is its body or its links.</summary>
        Heading,
        /// <summary>"* [Title](url) …": the list item is the whole story.</summary>
        ListItem,
        /// <summary>"[Title](url) …" as a paragraph: the plain paragraphs after it are its summary.</summary>
        LinkParagraph,
    }

    /// <summary>A list item or stretch of lines that reads as one unit: a link line, a label, a quote, prose.</summary>
    private sealed record Item(string FirstLine, string Markdown, bool IsListItem);

    private readonly IReadOnlyList<string> _lines;
    private readonly List<StoryDraft> _drafts = [];
    private readonly ProseSections _prose = new();
    private string? _section;
    private string? _subsection;
    private int _skippedSectionLevel;
    private StoryDraft? _story;
    private StoryShape _shape;
    private bool _inRelatedList;

    private DigestBodyParser(IReadOnlyList<string> lines) => _lines = lines;

    private string? CurrentSection => _subsection ?? _section;

    public static DigestBody Parse(IReadOnlyList<string> filteredLines)
    {
        var parser = new DigestBodyParser(filteredLines);
        parser.Run();
        var stories = parser._drafts.Select(d => d.ToStory()).OfType<ParsedStory>();
        return new DigestBody(StoryMerger.Merge(stories), parser._prose);
    }

    private void Run()
    {
        var paragraph = new List<string>();
        for (var i = 0; i < _lines.Count; i++)
        {
            var line = _lines[i];
            if (DigestHeading.TryParse(line) is { } heading)
            {
                FlushParagraph(paragraph);
                OnHeading(heading, i);
            }
            else if (line.Length == 0) FlushParagraph(paragraph);
            else paragraph.Add(line);
        }
        FlushParagraph(paragraph);
        CloseStory();
    }

    private void OnHeading(DigestHeading heading, int index)
    {
        if (_skippedSectionLevel > 0)
        {
            if (heading.Level > _skippedSectionLevel) return;
            _skippedSectionLevel = 0;
        }
        if (heading.Link is { } link)
        {
            StartStory(new StoryDraft(Plain(link.Text), link.Url, CurrentSection), StoryShape.Heading);
            var rest = Plain(heading.Text[link.End..]);
            if (rest.Length > 0) _story!.AddParagraph(rest);
            return;
        }
        if (heading.IsUnlinkedStoryTitle)
        {
            StartStory(new StoryDraft(Plain(heading.Text[1..^1]), null, CurrentSection), StoryShape.Heading);
            return;
        }
        var text = Plain(heading.Text);
        if (heading.Level >= 5)
        {
            // "##### Will Knight, MIT Tech Review" under a story heading is a byline, not a section.
            if (_story is { HasBody: false } story && _shape == StoryShape.Heading) story.AddSourceName(SourceCredit.Publication(heading.Text));
            return;
        }
        // "### Title" and empty "#### " headings are unfilled template slots.
        if (DigestBoilerplate.IsPlaceholder(text)) return;
        if (NextContentLineIsCredit(index))
        {
            StartStory(new StoryDraft(text, null, CurrentSection, awaitsArticle: true), StoryShape.Heading);
            return;
        }
        CloseStory();
        if (DigestBoilerplate.IsNonNewsSection(text))
        {
            _skippedSectionLevel = heading.Level;
            return;
        }
        if (heading.Level <= 3)
        {
            _section = text;
            _subsection = null;
        }
        else _subsection = text;
        _prose.StartSection(text);
    }

    private bool NextContentLineIsCredit(int headingIndex)
    {
        for (var i = headingIndex + 1; i < _lines.Count; i++)
        {
            if (_lines[i].Length == 0) continue;
            return !DigestHeading.IsHeading(_lines[i]) && SourceCredit.IsCreditLine(_lines[i]);
        }
        return false;
    }

    private void FlushParagraph(List<string> paragraph)
    {
        if (paragraph.Count == 0) return;
        if (_skippedSectionLevel == 0)
        {
            foreach (var item in SplitItems(paragraph)) OnItem(item);
            if (_shape == StoryShape.ListItem) CloseStory();
        }
        paragraph.Clear();
    }

    private void OnItem(Item item)
    {
        if (DigestBoilerplate.IsRelatedLabel(item.FirstLine))
        {
            _inRelatedList = true;
            return;
        }
        var link = MarkdownLink.AtStart(item.Markdown);
        if (_story is { } story)
        {
            if (_inRelatedList && link is { } listed)
            {
                story.AddRelated(Plain(listed.Text), listed.Url);
                return;
            }
            if (_shape == StoryShape.Heading)
            {
                AddToHeadingStory(story, item, link);
                return;
            }
        }
        _inRelatedList = false;
        if (link is { } head)
        {
            StartStory(new StoryDraft(Plain(head.Text), head.Url, CurrentSection), item.IsListItem ? StoryShape.ListItem : StoryShape.LinkParagraph);
            _story!.AddParagraph(OneLineSummary(item.Markdown[head.End..]));
        }
        else if (_story is not null) _story.AddParagraph(Plain(item.Markdown));
        else _prose.Add(Plain(item.Markdown));
    }

    private void AddToHeadingStory(StoryDraft story, Item item, MarkdownLink? link)
    {
        if (!story.HasBody && TryAddCredit(story, item)) return;
        // A link alone on its line under a story heading is further coverage ("[Tech report](…)", "- [Other take](…)").
        if (link is { } only && item.Markdown.AsSpan(only.End).IsWhiteSpace())
        {
            story.AddRelated(Plain(only.Text), only.Url);
            return;
        }
        _inRelatedList = false;
        story.AddParagraph(Plain(item.Markdown));
    }

    private static bool TryAddCredit(StoryDraft story, Item item)
    {
        if (SourceCredit.TryReadBoldByline(item.FirstLine, out var byline))
        {
            story.AddSourceName(SourceCredit.Publication(byline));
            return true;
        }
        if (!SourceCredit.TryReadCreditLine(item.FirstLine, out var credit, out var link)) return false;
        story.AddSourceName(SourceCredit.Publication(credit));
        // "> Jeremy Kahn, Bloomberg | from the [June 18th edition](…)" links an earlier digest, not the article.
        if (!SourceCredit.IsEditionByline(credit)) story.AddCreditedArticle(Unquote(Plain(link.Text)), link.Url);
        return true;
    }

    private void StartStory(StoryDraft draft, StoryShape shape)
    {
        CloseStory();
        _story = draft;
        _shape = shape;
    }

    private void CloseStory()
    {
        if (_story is not null) _drafts.Add(_story);
        _story = null;
        _inRelatedList = false;
    }

    /// <summary>
    /// Splits a paragraph where a new unit starts: a list item, a line opening with a link, or the line after a
    /// one-line unit (a "Related:" label, a source credit, a byline). Other lines continue the unit before them
    /// (wrapped text, "— "quote"" lines).
    /// </summary>
    private static List<Item> SplitItems(List<string> lines)
    {
        var items = new List<Item>();
        string? first = null;
        var parts = new List<string>();
        var isListItem = false;
        var previousStandsAlone = false;
        foreach (var line in lines)
        {
            var marker = MayBeListItem(line) ? ListMarker().Match(line) : Match.Empty;
            var content = marker.Success ? line[marker.Length..] : line;
            var standsAlone = StandsAlone(line);
            if (first is null || previousStandsAlone || standsAlone || marker.Success || MarkdownLink.AtStart(content) is not null)
            {
                if (first is not null) items.Add(new Item(first, string.Join(' ', parts), isListItem));
                first = content.Trim();
                parts.Clear();
                isListItem = marker.Success;
            }
            previousStandsAlone = standsAlone;
            parts.Add(content.AsSpan().TrimStart() is ['>', ..] ? QuoteMarker().Replace(content, "") : content);
        }
        if (first is not null) items.Add(new Item(first, string.Join(' ', parts), isListItem));
        return items;
    }

    private static bool MayBeListItem(string line) => line.AsSpan().TrimStart() is [var c, ..] && (c is '*' or '+' or '-' || char.IsAsciiDigit(c));

    private static bool StandsAlone(string line) =>
        DigestBoilerplate.IsRelatedLabel(line) || SourceCredit.IsCreditLine(line) || SourceCredit.TryReadBoldByline(line, out _);

    private static string Plain(string markdown) => InlineMarkdown.ToPlainText(markdown);

    /// <summary>The text after a one-line story's link: " - "quote"", ". Summary", " — summary".</summary>
    private static string OneLineSummary(string afterLink) => Unquote(Plain(LeadingSeparator().Replace(afterLink, "")));

    /// <summary>Drops the quotation marks around a quoted summary; a quote cut short loses just its opening mark.</summary>
    private static string Unquote(string text)
    {
        if (text.Length == 0 || text[0] is not ('"' or '“')) return text;
        var inner = text[1..];
        var close = inner.IndexOf(text[0] == '"' ? '"' : '”');
        if (close < 0) return inner.Trim();
        return close == inner.Length - 1 ? inner[..close].Trim() : text;
    }

    [GeneratedRegex(@"^\s*(?:[*+\-]|\d{1,3}[.)])\s+")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"^\s*(?:>\s?)+")]
    private static partial Regex QuoteMarker();

    [GeneratedRegex(@"^[\s\-–—:|.,]+")]
    private static partial Regex LeadingSeparator();
}
