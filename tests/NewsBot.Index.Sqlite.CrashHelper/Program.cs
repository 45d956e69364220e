using System.Collections;
using NewsBot.Domain;
using NewsBot.Index;
using NewsBot.Index.Sqlite;

// Usage: CrashHelper <database> <stories> <marker file>
// Replaces document "big.md" with <stories> stories. Once half of them are written, inside the write transaction,
// it creates the marker file and waits there for the test to kill it.
var path = args[0];
var count = int.Parse(args[1]);
var marker = args[2];
await using var index = await SqliteNewsIndex.OpenAsync(path);
var stories = Enumerable.Range(0, count).Select(i =>
{
    var text = $"Crash story number {i}. It has two sentences.";
    IReadOnlyList<PassageRecord> passages = [new(0, 0, 25, text[..25]), new(1, 26, text.Length - 26, text[26..])];
    return new StoryRecord
    {
        Id = StoryKey.For(null, $"Crash {i}", text),
        Title = $"Crash {i}",
        Text = text,
        Passages = i == count / 2 ? new HaltingList(passages, marker) : passages,
    };
}).ToList();
await index.ReplaceDocumentAsync(new DocumentRecord
{
    Path = "big.md", ContentHash = "big", Title = "Big", Publication = "Crash", Kind = DocumentKind.Digest,
}, stories);
Console.WriteLine("committed");

/// <summary>Passages that, when the writer reads them, create the marker file and never let the writer go on.</summary>
sealed class HaltingList(IReadOnlyList<PassageRecord> inner, string marker) : IReadOnlyList<PassageRecord>
{
    public PassageRecord this[int index] => inner[index];
    public int Count => inner.Count;
    public IEnumerator<PassageRecord> GetEnumerator()
    {
        File.WriteAllText(marker, "midway");
        Thread.Sleep(Timeout.Infinite);
        return inner.GetEnumerator();
    }
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
