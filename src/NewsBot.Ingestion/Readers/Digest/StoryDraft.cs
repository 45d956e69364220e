using NewsBot.Domain;

namespace NewsBot.Ingestion.Readers.Digest;

/// <summary>A story while the parser is still collecting its paragraphs, further-coverage links and credited sources.</summary>
internal sealed class StoryDraft(string title, string? url, string? section, bool awaitsArticle = false)
{
    private readonly List<string> _paragraphs = [];
    private readonly List<Link> _related = [];
    private readonly HashSet<string> _relatedKeys = [];
    private readonly List<string> _sourceNames = [];
    private string? _lead;
    private string? _ownKey = url is null ? null : ArticleKey(url);

    public string Title { get; private set; } = title;
    public string? Url { get; private set; } = url;
    public string? Section { get; } = section;

    /// <summary>
    /// Set for 2018's "### Heading" + "> Source, ["Article"](url)" layout: the heading is the editors' take, and the
    /// article named on the credit line is what the story is about.
    /// </summary>
    public bool AwaitsArticle { get; private set; } = awaitsArticle;

    public bool HasBody => _paragraphs.Count > 0;

    public void AddParagraph(string plainText)
    {
        if (!DigestBoilerplate.IsPlaceholder(plainText)) _paragraphs.Add(plainText);
    }

    public void AddSourceName(string name)
    {
        if (name.Length > 0 && !_sourceNames.Contains(name, StringComparer.OrdinalIgnoreCase)) _sourceNames.Add(name);
    }

    public void AddRelated(string linkText, string? url)
    {
        if (url is null) return;
        var key = ArticleKey(url);
        if (key == _ownKey || !_relatedKeys.Add(key)) return;
        _related.Add(new Link(linkText.Length > 0 ? linkText : url, url));
    }

    /// <summary>An article named on a source credit line: the story's own for the 2018 layout, else further coverage.</summary>
    public void AddCreditedArticle(string articleTitle, string? articleUrl)
    {
        if (!AwaitsArticle)
        {
            AddRelated(articleTitle, articleUrl);
            return;
        }
        // Keep the editors' heading as the lead when it says something the article title does not.
        if (!string.Equals(Fold(Title), Fold(articleTitle), StringComparison.Ordinal)) _lead = Title;
        if (articleTitle.Length > 0) Title = articleTitle;
        Url = articleUrl;
        _ownKey = articleUrl is null ? null : ArticleKey(articleUrl);
        if (_ownKey is not null && _relatedKeys.Remove(_ownKey)) _related.RemoveAll(r => ArticleKey(r.Url) == _ownKey);
        AwaitsArticle = false;
    }

    public ParsedStory? ToStory()
    {
        var url = Url;
        var related = _related.ToList();
        // A heading with no link of its own ("#### [… But, AI is helping… ]") summarises the sources listed under it.
        if (url is null && related.Count > 0)
        {
            url = related[0].Url;
            related.RemoveAt(0);
        }
        // Some link texts are an export's missing value ("[nan](…)"): the address says more than that.
        var title = DigestBoilerplate.IsPlaceholder(Title) ? url : Title;
        if (title is null) return null;
        return new ParsedStory
        {
            Title = title,
            Text = string.Join("\n\n", _lead is null ? _paragraphs : _paragraphs.Prepend(_lead)),
            Url = url,
            Section = Section,
            SourceNames = _sourceNames.ToList(),
            Related = related,
        };
    }

    private static string ArticleKey(string url) => StoryKey.NormalizeUrl(url) ?? url;

    private static string Fold(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
