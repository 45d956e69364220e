using NewsBot.Qdrant.Points;
using static NewsBot.Qdrant.Reading.PayloadFields;

namespace NewsBot.Qdrant.Writing;

/// <summary>One document's telling of a story: what choosing the canonical version and the story's date needs.</summary>
internal sealed record StoryVersion(
    string StoryId, string DocumentId, string DocumentPath, int TextLength, DateOnly? VersionDate, DateOnly? DocumentDate,
    long DocumentAdded, string DocumentTitle, string Publication, int Position)
{
    public static StoryVersion From(PassagePayload p) => new(
        p.StoryId ?? "", p.DocumentId ?? "", p.DocumentPath ?? "", p.TextLength ?? 0, ReadDate(p.VersionDate), ReadDate(p.DocumentDate),
        p.DocumentAdded ?? 0, p.DocumentTitle ?? "", p.Publication ?? "", p.Position ?? 0);
}

/// <summary>
/// What a story is, given all its versions: the canonical one (the longest text; of equals, the document ingested
/// first, then the path), its date (the earliest any version states, or else its document) and its sources
/// (documents by date, undated last, then path) — the embedded store's rules.
/// </summary>
internal sealed record StoryState(StoryVersion Canonical, DateOnly? Published, List<SourcePayload> Sources)
{
    public static StoryState Of(IReadOnlyCollection<StoryVersion> versions) => new(
        versions.OrderByDescending(v => v.TextLength).ThenBy(v => v.DocumentAdded).ThenBy(v => v.DocumentPath, StringComparer.Ordinal).First(),
        versions.Select(v => v.VersionDate ?? v.DocumentDate).Where(d => d is not null).DefaultIfEmpty(null).Min(),
        versions.OrderBy(v => v.DocumentDate is null).ThenBy(v => v.DocumentDate).ThenBy(v => v.DocumentPath, StringComparer.Ordinal)
            .Select(v => new SourcePayload { Path = v.DocumentPath, Title = v.DocumentTitle, Publication = v.Publication, Date = Date(v.DocumentDate) })
            .ToList());

    public bool IsCanonical(StoryVersion version) => version.DocumentId == Canonical.DocumentId;

    /// <summary>Newest first, and within a day in the order the version's document tells them.</summary>
    public long? RecencyOf(StoryVersion version) =>
        Published is { } day ? day.DayNumber * 100_000L + (99_999 - Math.Clamp(version.Position, 0, 99_999)) : null;
}
