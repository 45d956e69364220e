using NewsBot.Domain;
using NewsBot.Index;

namespace NewsBot.Retrieval;

/// <summary>
/// A question as retrieval understands it: the terms worth matching (stop words and question words gone),
/// the versioned names it asks about ("GPT-6", "Llama 5") which evidence must mention, the kind of document it
/// points at, and the filter.
/// </summary>
public sealed record SearchQuery
{
    public required string Question { get; init; }
    public required IReadOnlyList<string> Terms { get; init; }
    /// <summary>Other names of each term, position by position (from the alias table): coverage counts them as the term.</summary>
    public IReadOnlyList<IReadOnlyList<string>> TermAlternatives { get; init; } = [];
    public IReadOnlyList<VersionedName> VersionedNames { get; init; } = [];
    /// <summary>Years the question names ("in 2031"): evidence must be from that year or mention it.</summary>
    public IReadOnlyList<int> Years { get; init; } = [];
    public DocumentKind? KindHint { get; init; }
    public QuestionType Type { get; init; } = QuestionType.Other;
    public SearchFilter Filter { get; init; } = SearchFilter.None;
}

/// <summary>What sort of answer the question wants; the answerer picks sentences to match.</summary>
public enum QuestionType { Other, When, Who, HowMuch, Which }

/// <summary>A product name with a version ("Grok 5"): a story about "Grok 4" does not answer a question about it.</summary>
public sealed record VersionedName(string Name, string Version)
{
    public override string ToString() => $"{Name} {Version}";
}
