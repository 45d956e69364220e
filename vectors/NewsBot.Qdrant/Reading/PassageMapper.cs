using NewsBot.Domain;
using NewsBot.Qdrant.Points;
using static NewsBot.Qdrant.Reading.PayloadFields;

namespace NewsBot.Qdrant.Reading;

/// <summary>Turns a passage point's payload back into the domain's <see cref="Story"/> and <see cref="Passage"/>.</summary>
internal static class PassageMapper
{
    public static Story Story(PassagePayload p) => new()
    {
        Id = p.StoryId ?? "",
        Title = p.Title ?? "",
        Text = p.StoryText ?? "",
        Url = p.Url,
        Section = p.Section,
        Date = ReadDate(p.Published),
        Publication = p.Publication ?? "",
        Kind = ReadKind(p.Kind),
        DocumentTitle = p.DocumentTitle ?? "",
        SourceNames = p.SourceNames ?? [],
        Related = p.Related?.Select(l => new Link(l.Title ?? "", l.Url ?? "")).ToList() ?? [],
        StartOffset = p.StartOffset,
        Sources = p.Sources?.Select(s => new StorySource(s.Path ?? "", s.Title ?? "", s.Publication ?? "", ReadDate(s.Date))).ToList() ?? [],
    };

    public static Passage Passage(PassagePayload p) => new()
    {
        Id = Domain.Passage.MakeId(p.StoryId ?? "", p.Ordinal ?? 0),
        StoryId = p.StoryId ?? "",
        Ordinal = p.Ordinal ?? 0,
        Start = p.Start ?? 0,
        Length = p.Length ?? 0,
        Text = p.Text ?? "",
        StoryTitle = p.Title ?? "",
        StoryDate = ReadDate(p.Published),
    };
}
