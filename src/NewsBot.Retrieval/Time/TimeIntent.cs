namespace NewsBot.Retrieval.Time;

/// <summary>What a question says about time.</summary>
public sealed record TimeIntent
{
    /// <summary>The period the question restricts to, or null.</summary>
    public DateRange? Range { get; init; }

    /// <summary>
    /// True when the question asks for the newest news ("latest", "recently", "what's new", "these days" …).
    /// A named period such as "this week's news" sets <see cref="Range"/> instead.
    /// </summary>
    public bool WantsLatest { get; init; }

    /// <summary>
    /// True when <see cref="Range"/> depends on the anchor date ("last week", "in March" without a year); false for
    /// absolute periods ("in March 2025", "since May 2024").
    /// </summary>
    public bool IsRelative { get; init; }

    /// <summary>The time words as the user wrote them (several joined by ", "), for the answer to echo.</summary>
    public required string Phrase { get; init; }

    /// <summary>The question without its time words, so they do not become search terms.</summary>
    public required string RemainingQuestion { get; init; }
}
