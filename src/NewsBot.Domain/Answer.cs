namespace NewsBot.Domain;

/// <summary>
/// What the conversation engine returns and every adapter renders: markdown text whose claims end in
/// <c>[n]</c> markers, the numbered citations those markers point at, and up to three follow-up questions.
/// </summary>
public sealed record Answer
{
    /// <summary>Given by the conversation engine; feedback names the answer it rates by this id. Empty outside a conversation.</summary>
    public string Id { get; init; } = "";
    /// <summary>The conversation the answer belongs to: send it with the next question to follow up.</summary>
    public string? ConversationId { get; init; }
    public required string Text { get; init; }
    public required IReadOnlyList<Citation> Citations { get; init; }
    public IReadOnlyList<string> FollowUps { get; init; } = [];
    /// <summary>True when nothing in the index supports the question: the text says so and nothing is cited.</summary>
    public bool Abstained { get; init; }
    /// <summary>Who wrote the text: NewsBot quoting its sources, or a language model from them.</summary>
    public AnswerAuthor Author { get; init; } = AnswerAuthor.Extractive;
    /// <summary>Why the language model's answer was not used, when <see cref="Author"/> is <see cref="AnswerAuthor.ExtractiveFallback"/>.</summary>
    public string? FallbackReason { get; init; }
}

/// <summary>Who wrote an answer's text.</summary>
public enum AnswerAuthor
{
    /// <summary>Quoted from the sources by NewsBot (no model involved).</summary>
    Extractive,
    /// <summary>Written by the configured language model from numbered sources, its citations checked.</summary>
    Model,
    /// <summary>Quoted by NewsBot because the model's answer failed (an error, a timeout, no valid citation).</summary>
    ExtractiveFallback,
}

/// <summary>The source behind one <c>[n]</c> marker: a story, and the sentence of it the answer quotes.</summary>
public sealed record Citation
{
    /// <summary>The n of the <c>[n]</c> marker, starting at 1.</summary>
    public required int Number { get; init; }
    public required string StoryId { get; init; }
    public required string PassageId { get; init; }
    public required string Title { get; init; }
    public required string Publication { get; init; }
    public DateOnly? Date { get; init; }
    public string? Url { get; init; }
    /// <summary>A sentence that is verbatim in the cited story's text.</summary>
    public required string Quote { get; init; }
}
