using System.Globalization;
using System.Text.Json.Nodes;
using NewsBot.Domain;

namespace NewsBot.Qdrant.Reading;

/// <summary>Payload keys that filters and indexes name, and how values are written: dates as yyyy-MM-dd, story dates as RFC 3339, kinds by name.</summary>
internal static class PayloadFields
{
    public const string PointType = "type";
    public const string StoryId = "story_id";
    public const string DocumentId = "document_id";
    public const string Ordinal = "ordinal";
    public const string Canonical = "canonical";
    public const string Publication = "publication";
    /// <summary>The publication folded to lower case: filters match publications case-insensitively, as the embedded store does.</summary>
    public const string PublicationKey = "publication_key";
    public const string Kind = "kind";
    public const string Published = "published";
    /// <summary>The story's day and its place in its document as one integer: what "newest first" orders by.</summary>
    public const string Recency = "recency";
    /// <summary>The SHA-256 of each embedded text, in the dense multivector's row order: the embedding cache's key.</summary>
    public const string TextHashes = "text_hashes";
    public const string Terms = "terms";
    public const string Embedded = "embedded";

    /// <summary>When feedback was given (Unix milliseconds): the maintainers' summary lists the newest first.</summary>
    public const string CreatedMs = "created_ms";

    public const string DenseVectorName = "dense";
    public const string SparseVectorName = "bm25";

    private const string DateFormat = "yyyy-MM-dd";

    public static string? Date(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DateOnly? ReadDate(string? text) =>
        text is { Length: >= 10 } && DateOnly.TryParseExact(text[..10], DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>Midnight UTC of the day, as Qdrant's datetime index reads it.</summary>
    public static string? Timestamp(DateOnly? date) => date is null ? null : Date(date) + "T00:00:00Z";

    /// <summary>The last instant of the day: an inclusive upper bound on dates.</summary>
    public static string? EndOfDay(DateOnly? date) => date is null ? null : Date(date) + "T23:59:59Z";

    public static string KindName(DocumentKind kind) => kind.ToString();

    public static DocumentKind ReadKind(string? text) => Enum.TryParse<DocumentKind>(text, out var kind) ? kind : DocumentKind.Digest;

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
