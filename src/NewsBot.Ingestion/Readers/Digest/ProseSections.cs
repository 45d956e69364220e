using NewsBot.Domain;

namespace NewsBot.Ingestion.Readers.Digest;

/// <summary>
/// Paragraphs that belong to no linked story, by section. Only used for special posts (such as
/// "Analysis of 100 Weeks of Curated AI News") that have no linked stories at all: each section becomes a story.
/// </summary>
internal sealed class ProseSections
{
    private readonly List<(string? Heading, List<string> Paragraphs)> _sections = [(null, [])];

    public void StartSection(string heading) => _sections.Add((heading, []));

    public void Add(string plainText)
    {
        if (!DigestBoilerplate.IsPlaceholder(plainText)) _sections[^1].Paragraphs.Add(plainText);
    }

    public IReadOnlyList<ParsedStory> ToStories(string documentTitle) =>
        _sections.Where(s => s.Paragraphs.Count > 0)
            .Select(s => new ParsedStory
            {
                Title = s.Heading ?? documentTitle,
                Text = string.Join("\n\n", s.Paragraphs),
                Section = s.Heading,
            })
            .ToList();
}
