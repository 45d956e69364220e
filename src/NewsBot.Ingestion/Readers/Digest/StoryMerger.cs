using NewsBot.Domain;

namespace NewsBot.Ingestion.Readers.Digest;

/// <summary>
/// One story per linked article: when a digest links the same article twice (it happens across sections),
/// the copies become one story in the first one's place, with the longer text and all related links and sources.
/// </summary>
internal static class StoryMerger
{
    public static IReadOnlyList<ParsedStory> Merge(IEnumerable<ParsedStory> stories)
    {
        var merged = new List<ParsedStory>();
        var indexByUrl = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var story in stories)
        {
            var key = story.Url is null ? null : StoryKey.NormalizeUrl(story.Url);
            if (key is null || !indexByUrl.TryGetValue(key, out var index))
            {
                if (key is not null) indexByUrl[key] = merged.Count;
                merged.Add(story);
                continue;
            }
            merged[index] = Combine(merged[index], story);
        }
        return merged;
    }

    private static ParsedStory Combine(ParsedStory first, ParsedStory second)
    {
        var ownKey = StoryKey.NormalizeUrl(first.Url!);
        var related = first.Related.Concat(second.Related)
            .Where(r => StoryKey.NormalizeUrl(r.Url) != ownKey)
            .DistinctBy(r => StoryKey.NormalizeUrl(r.Url) ?? r.Url)
            .ToList();
        return first with
        {
            Text = second.Text.Length > first.Text.Length ? second.Text : first.Text,
            Related = related,
            SourceNames = first.SourceNames.Concat(second.SourceNames).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        };
    }
}
