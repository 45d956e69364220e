using NewsBot.Domain;
using NewsBot.Index;
using NewsBot.Ingestion.Passages;

namespace NewsBot.Ingestion.Pipeline;

/// <summary>
/// Turns a parsed document's stories into what the index stores: a stable id per story, one record per story even
/// when the document links the same article twice, a date only where the document states one, and the passages.
/// </summary>
public sealed class StoryBuilder(PassageSplitter splitter)
{
    public IReadOnlyList<StoryRecord> Build(ParsedDocument document)
    {
        var byId = new Dictionary<string, StoryRecord>();
        var order = new List<string>();
        foreach (var story in document.Stories)
        {
            var title = Clean(story.Title);
            if (title.Length == 0) continue;
            // A story whose body the document never wrote (a headline-only entry) is its headline.
            var text = Clean(story.Text) is { Length: > 0 } body ? body : title;
            var id = StoryKey.For(story.Url, title, text);
            var record = new StoryRecord
            {
                Id = id,
                Title = title,
                Text = text,
                Url = story.Url,
                Section = story.Section,
                Date = story.Date ?? document.Date,
                SourceNames = story.SourceNames,
                Related = story.Related,
                StartOffset = story.StartOffset,
                Passages = splitter.Split(text),
            };
            if (!byId.TryGetValue(id, out var existing))
            {
                byId[id] = record;
                order.Add(id);
            }
            else if (record.Text.Length > existing.Text.Length)
            {
                byId[id] = record with { Related = existing.Related.Concat(record.Related).DistinctBy(l => l.Url).ToList() };
            }
            else
            {
                byId[id] = existing with { Related = existing.Related.Concat(record.Related).DistinctBy(l => l.Url).ToList() };
            }
        }
        return order.Select(id => byId[id]).ToList();
    }

    private static string Clean(string s) => s.Trim();
}
