namespace NewsBot.Domain;

/// <summary>
/// A sentence-aligned slice of one story's text, the unit that retrieval ranks.
/// <see cref="Start"/> and <see cref="Length"/> locate it in the story's <see cref="Story.Text"/>.
/// </summary>
public sealed record Passage
{
    /// <summary>Stable id: the story id and the passage's ordinal ("3f2a…:2").</summary>
    public required string Id { get; init; }
    public required string StoryId { get; init; }
    public required int Ordinal { get; init; }
    public required int Start { get; init; }
    public required int Length { get; init; }
    public required string Text { get; init; }
    public required string StoryTitle { get; init; }
    public DateOnly? StoryDate { get; init; }

    public static string MakeId(string storyId, int ordinal) => $"{storyId}:{ordinal}";
}
