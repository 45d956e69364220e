namespace NewsBot.Qdrant.Points;

/// <summary>What kind of record a point is: NewsBot keeps its whole index in one collection.</summary>
public static class PointTypes
{
    public const string Passage = "passage";
    public const string Document = "document";
    public const string State = "state";
    public const string Feedback = "feedback";
}

/// <summary>
/// The payload of a passage point: one passage as one document tells its story. Every version of a story (one per
/// document carrying it) has its own points; the longest is <see cref="Canonical"/>, and only canonical points are
/// searched. The story-wide fields (<see cref="Published"/>, <see cref="Sources"/>) are kept equal on every version,
/// so a change of canonical version needs no other rewrite. All nullable: reads ask for the fields they need.
/// </summary>
public sealed class PassagePayload
{
    public string? Type { get; set; }
    public string? StoryId { get; set; }
    /// <summary>The document's point id: what a document's points are found (and withdrawn) by.</summary>
    public string? DocumentId { get; set; }
    public string? DocumentPath { get; set; }
    public int? Ordinal { get; set; }
    public int? Start { get; set; }
    public int? Length { get; set; }
    public string? Text { get; set; }

    // The story as this document tells it.
    public string? Title { get; set; }
    public string? StoryText { get; set; }
    public string? Url { get; set; }
    public string? Section { get; set; }
    /// <summary>The date this version states (yyyy-MM-dd), before falling back on its document's.</summary>
    public string? VersionDate { get; set; }
    public List<string>? SourceNames { get; set; }
    public List<LinkPayload>? Related { get; set; }
    public int? StartOffset { get; set; }
    public int? TextLength { get; set; }
    /// <summary>The story's place in its document: stories of one day come newest-first in this order.</summary>
    public int? Position { get; set; }

    // Its document.
    public string? DocumentTitle { get; set; }
    public string? Publication { get; set; }
    /// <summary>The publication in lower case: filters match publications regardless of case, as the embedded store does.</summary>
    public string? PublicationKey { get; set; }
    public string? Kind { get; set; }
    public string? DocumentDate { get; set; }
    /// <summary>When the document was first ingested (Unix milliseconds): of two equally long versions, the older wins.</summary>
    public long? DocumentAdded { get; set; }

    // The story as a whole.
    public bool? Canonical { get; set; }
    /// <summary>The story's date, the earliest any version gives, as RFC 3339 (a datetime index); absent when none does.</summary>
    public string? Published { get; set; }
    public List<SourcePayload>? Sources { get; set; }
    /// <summary>The story's day and this version's place in its document as one number, for newest-first order (absent without a date).</summary>
    public long? Recency { get; set; }

    /// <summary>The distinct analysed terms of title and passage: document frequencies are counted over them.</summary>
    public List<string>? Terms { get; set; }
    /// <summary>What each row of the <c>dense</c> multivector is, in row order.</summary>
    public List<EmbeddedTextPayload>? Embedded { get; set; }
    /// <summary>The rows' text hashes alone, as a keyword list the embedding cache filters on.</summary>
    public List<string>? TextHashes { get; set; }
}

public sealed class LinkPayload
{
    public string? Title { get; set; }
    public string? Url { get; set; }
}

public sealed class SourcePayload
{
    public string? Path { get; set; }
    public string? Title { get; set; }
    public string? Publication { get; set; }
    public string? Date { get; set; }
}

/// <summary>One row of a passage's multivector: its place among the passage's texts, what it is, and the text's SHA-256 (the embedding cache key).</summary>
public sealed class EmbeddedTextPayload
{
    public int Item { get; set; }
    public int Kind { get; set; }
    public string Hash { get; set; } = "";
}

/// <summary>A document point: what the document is, and the content hash that says whether it changed.</summary>
public sealed class DocumentPayload
{
    public string? Type { get; set; }
    public string? Path { get; set; }
    public string? ContentHash { get; set; }
    public string? Title { get; set; }
    public string? Publication { get; set; }
    public string? Kind { get; set; }
    public string? Date { get; set; }
    public string? Url { get; set; }
    public int? IssueNumber { get; set; }
    public long? Added { get; set; }
}

/// <summary>The state point: the index's write generation, moved on by every write, so caches know when they are stale.</summary>
public sealed class StatePayload
{
    public string? Type { get; set; }
    public long? Generation { get; set; }
}

/// <summary>A reader's rating of an answer, with the question and answer it rated.</summary>
public sealed class FeedbackPayload
{
    public string? Type { get; set; }
    public string? AnswerId { get; set; }
    public string? Rating { get; set; }
    public string? Comment { get; set; }
    public string? Channel { get; set; }
    public string? Question { get; set; }
    public string? AnswerText { get; set; }
    /// <summary>When it was given, Unix milliseconds: the newest come first.</summary>
    public long? CreatedMs { get; set; }
}
