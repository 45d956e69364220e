using NewsBot.Domain;
using NewsBot.Ingestion.Readers.Digest;

namespace NewsBot.Ingestion.Readers;

/// <summary>
/// Reads Last Week in AI / Skynet This Week digests: Jekyll markdown with front matter, 2018–2026 layouts.
/// Metadata comes from the front matter (title, permalink, redirect) and the file name (date, issue number).
/// </summary>
public sealed class DigestReader : IDocumentReader
{
    public DocumentKind Kind => DocumentKind.Digest;

    /// <summary>1 for front matter with a title and a digest marker (digest category, /digests/ permalink or "#### [" story headings); else 0.</summary>
    public double Confidence(SourceText source)
    {
        var lines = Lines(source.Text);
        if (LooksBinary(source.Text) || FrontMatter.TrySplit(lines) is not { } split || split.FrontMatter.Title is null) return 0;
        var frontMatter = split.FrontMatter;
        var digestLike = frontMatter.Categories.Any(c => c is "digests" or "overviews")
            || (frontMatter.Permalink?.Contains("/digests/", StringComparison.OrdinalIgnoreCase) ?? false)
            || source.Text.Contains("\n#### [", StringComparison.Ordinal);
        return digestLike ? 1 : 0;
    }

    public ParsedDocument Read(SourceText source)
    {
        var text = source.Text;
        if (string.IsNullOrWhiteSpace(text)) throw new DocumentFormatException("The digest is empty.");
        if (LooksBinary(text)) throw new DocumentFormatException("The digest is not text: it contains control characters (binary data?).");
        var lines = Lines(text);
        if (!FrontMatter.StartsWithFrontMatter(lines))
            throw new DocumentFormatException("The digest has no front matter: it should start with a '---' line.");
        var split = FrontMatter.TrySplit(lines)
            ?? throw new DocumentFormatException("The digest's front matter is not closed: no '---' line ends it.");
        var title = split.FrontMatter.Title
            ?? throw new DocumentFormatException("The digest's front matter has no title.");

        var body = DigestBodyParser.Parse(DigestLineFilter.Filter(split.Body));
        return new ParsedDocument
        {
            Title = title,
            Publication = DigestTitle.Publication(title),
            Kind = DocumentKind.Digest,
            Date = DigestFileName.Date(source.FileName),
            Url = WebUrl.Clean(split.FrontMatter.Redirect),
            IssueNumber = DigestTitle.IssueNumber(title) ?? DigestFileName.IssueNumber(source.FileName),
            Permalink = split.FrontMatter.Permalink,
            // Special posts without linked stories are still worth reading: their sections become the stories.
            Stories = body.Stories.Count > 0 ? body.Stories : body.Prose.ToStories(title),
        };
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');

    private static bool LooksBinary(string text)
    {
        var sample = text.AsSpan(0, Math.Min(text.Length, 8192));
        var control = 0;
        foreach (var c in sample)
            if (c == '\0') return true;
            else if (c < ' ' && c is not ('\n' or '\r' or '\t' or '\f')) control++;
        return control > sample.Length / 100;
    }
}
