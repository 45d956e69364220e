using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Serialization;
using NewsBot.Index;

namespace NewsBot.Conversation.Generation;

/// <summary>One story given to the model: its number (what <c>[n]</c> points at) and the passage retrieval found best.</summary>
public sealed record NumberedSource(int Number, PassageHit Hit);

/// <summary>
/// The retrieved stories as the model sees them, numbered from 1, each with its title, publication, date and passage,
/// and cut to the prompt's budget (the best first, so what is cut is the least relevant).
/// </summary>
public sealed class NumberedSources
{
    private NumberedSources(IReadOnlyList<NumberedSource> sources) => Items = sources;

    public IReadOnlyList<NumberedSource> Items { get; }

    public NumberedSource? this[int number] => number >= 1 && number <= Items.Count ? Items[number - 1] : null;

    public static NumberedSources From(IReadOnlyList<PassageHit> hits, int maxSources, int budgetCharacters)
    {
        var sources = new List<NumberedSource>();
        var used = 0;
        foreach (var hit in hits.Take(maxSources))
        {
            var size = hit.Story.Title.Length + hit.Passage.Text.Length + 120;
            if (sources.Count > 0 && used + size > budgetCharacters) break;
            sources.Add(new NumberedSource(sources.Count + 1, hit));
            used += size;
        }
        return new NumberedSources(sources);
    }

    /// <summary>
    /// The sources as a JSON array. The serializer escapes &lt;, &gt;, quotes and newlines inside the texts, so no
    /// source can end the data block it is quoted in or pass for the prompt's own words.
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(Items.Select(s => new SourceJson(
        s.Number, s.Hit.Story.Title, s.Hit.Story.Publication,
        s.Hit.Story.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.Hit.Passage.Text)).ToArray(), SourceJsonContext.Default.SourceJsonArray);
}

internal sealed record SourceJson(
    [property: JsonPropertyName("n")] int Number,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("publication")] string Publication,
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("text")] string Text);

[JsonSerializable(typeof(SourceJson[]))]
internal sealed partial class SourceJsonContext : JsonSerializerContext;
