using NewsBot.Domain;
using NewsBot.Index.Embeddings;

namespace NewsBot.Index;

/// <summary>A source file as indexed. <see cref="Path"/> identifies it; <see cref="ContentHash"/> says whether it changed.</summary>
public sealed record DocumentRecord
{
    public required string Path { get; init; }
    public required string ContentHash { get; init; }
    public required string Title { get; init; }
    public required string Publication { get; init; }
    public required DocumentKind Kind { get; init; }
    public DateOnly? Date { get; init; }
    public string? Url { get; init; }
    public int? IssueNumber { get; init; }
}

/// <summary>
/// One story of a document, ready to store: its id (<see cref="StoryKey"/>), its text and the passages cut from it.
/// The index keeps one version per (story, document) and serves the longest as the story's text.
/// </summary>
public sealed record StoryRecord
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Text { get; init; }
    public string? Url { get; init; }
    public string? Section { get; init; }
    public DateOnly? Date { get; init; }
    public IReadOnlyList<string> SourceNames { get; init; } = [];
    public IReadOnlyList<Link> Related { get; init; } = [];
    public int? StartOffset { get; init; }
    public required IReadOnlyList<PassageRecord> Passages { get; init; }

    /// <summary>A story listed twice by one document keeps its longer telling, in the place it first appeared.</summary>
    public static List<StoryRecord> LongestPerStory(IReadOnlyList<StoryRecord> stories)
    {
        var unique = new List<StoryRecord>(stories.Count);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var story in stories)
        {
            if (!index.TryGetValue(story.Id, out var i)) { index[story.Id] = unique.Count; unique.Add(story); }
            else if (story.Text.Length > unique[i].Text.Length) unique[i] = story;
        }
        return unique;
    }
}

/// <summary>
/// A passage of a <see cref="StoryRecord"/>: where it sits in the story text, and that text; and, when the index is
/// embedded, the vectors of its texts.
/// </summary>
public sealed record PassageRecord(int Ordinal, int Start, int Length, string Text)
{
    public IReadOnlyList<PassageVector> Vectors { get; init; } = [];
}

/// <summary>Restricts any search: inclusive date range (stories without a date never match one), publications, kinds.</summary>
public sealed record SearchFilter
{
    public static readonly SearchFilter None = new();
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public IReadOnlyCollection<string>? Publications { get; init; }
    public IReadOnlyCollection<DocumentKind>? Kinds { get; init; }

    public bool IsEmpty => From is null && To is null && Publications is not { Count: > 0 } && Kinds is not { Count: > 0 };
}

/// <summary>
/// A keyword query: terms as <see cref="Lexical.LexicalAnalyzer"/> produces them (any of them may match; BM25 ranks),
/// the filter, and how many passages to return.
/// </summary>
public sealed record LexicalQuery(IReadOnlyList<string> Terms, SearchFilter Filter, int Limit)
{
    /// <summary>
    /// When the informative terms match fewer passages than the limit, search again with the very common terms too,
    /// so the list is full. A caller that re-scores the candidates itself can do without that slow second search.
    /// </summary>
    public bool FillWithCommonTerms { get; init; } = true;
}

/// <summary>A passage found by a search, its story, and its score (higher is better; comparable within one search only).</summary>
public sealed record PassageHit(Passage Passage, Story Story, double Score);

public sealed record TermStatistics(long PassageCount, IReadOnlyDictionary<string, long> DocumentFrequencies)
{
    /// <summary>BM25's IDF, never negative.</summary>
    public double Idf(string term)
    {
        var df = DocumentFrequencies.GetValueOrDefault(term);
        return Math.Log(1 + (PassageCount - df + 0.5) / (df + 0.5));
    }
}

public sealed record IndexStats
{
    public required long Documents { get; init; }
    public required long Stories { get; init; }
    public required long Passages { get; init; }
    /// <summary>Stories per publication, kind and year (null year: date unknown).</summary>
    public required IReadOnlyList<StatsRow> Rows { get; init; }
}

public sealed record StatsRow(string Publication, DocumentKind Kind, int? Year, long Documents, long Stories);
