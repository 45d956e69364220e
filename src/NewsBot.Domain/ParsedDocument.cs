namespace NewsBot.Domain;

/// <summary>
/// What a reader makes of one source file: the document's metadata and its stories, before they are indexed.
/// Dates are only ever those the file states (front matter, file name or text); unknown stays null.
/// </summary>
public sealed record ParsedDocument
{
    public required string Title { get; init; }
    public required string Publication { get; init; }
    public required DocumentKind Kind { get; init; }
    public DateOnly? Date { get; init; }
    /// <summary>Where the document is published (a digest's redirect URL), when known.</summary>
    public string? Url { get; init; }
    public int? IssueNumber { get; init; }
    public string? Permalink { get; init; }
    public required IReadOnlyList<ParsedStory> Stories { get; init; }
}

/// <summary>One story as a reader found it in a document.</summary>
public sealed record ParsedStory
{
    public required string Title { get; init; }
    /// <summary>The story's body as plain text: paragraphs separated by blank lines, no markup.</summary>
    public required string Text { get; init; }
    public string? Url { get; init; }
    /// <summary>The section the story sits in ("Top News", "Tools", …), when the document has sections.</summary>
    public string? Section { get; init; }
    /// <summary>Names of sources a newsletter credits without linking them ("TechCrunch").</summary>
    public IReadOnlyList<string> SourceNames { get; init; } = [];
    public IReadOnlyList<Link> Related { get; init; } = [];
    /// <summary>For transcripts: the character offset in the (rejoined) transcript where this segment starts.</summary>
    public int? StartOffset { get; init; }
    /// <summary>A story's own date when it differs from its document's (e.g. from the article URL); else null.</summary>
    public DateOnly? Date { get; init; }
}
