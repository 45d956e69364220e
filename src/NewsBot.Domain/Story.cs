namespace NewsBot.Domain;

/// <summary>
/// A story as the index holds it: stored once however many documents carry it,
/// remembering each of them in <see cref="Sources"/>.
/// </summary>
public sealed record Story
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Text { get; init; }
    public string? Url { get; init; }
    public string? Section { get; init; }
    /// <summary>The earliest date any of its documents gives it; null when none states one.</summary>
    public DateOnly? Date { get; init; }
    public required string Publication { get; init; }
    public required DocumentKind Kind { get; init; }
    public required string DocumentTitle { get; init; }
    public IReadOnlyList<string> SourceNames { get; init; } = [];
    public IReadOnlyList<Link> Related { get; init; } = [];
    public int? StartOffset { get; init; }
    public IReadOnlyList<StorySource> Sources { get; init; } = [];
}

/// <summary>One document a story came from.</summary>
public sealed record StorySource(string DocumentPath, string DocumentTitle, string Publication, DateOnly? Date);
