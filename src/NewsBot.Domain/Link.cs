namespace NewsBot.Domain;

/// <summary>A titled hyperlink, such as an entry of a story's "Related:" list.</summary>
public sealed record Link(string Title, string Url);
