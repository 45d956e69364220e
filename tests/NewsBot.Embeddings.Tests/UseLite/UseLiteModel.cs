using NewsBot.Embeddings.UseLite;
using NewsBot.Testing;

namespace NewsBot.Embeddings.Tests.UseLite;

/// <summary>The real USE-Lite model, converted from the npm weights (built here if setup has not built it yet).</summary>
public sealed class UseLiteModel : IDisposable
{
    public UseLiteModel()
    {
        Files = UseLiteAssets.Files;
        Generator = UseLiteAssets.Open();
        Tokenizer = UseLiteTokenizer.Load(Files.VocabularyPath);
    }

    public UseLiteModelFiles Files { get; }
    public UseLiteEmbeddingGenerator Generator { get; }
    public UseLiteTokenizer Tokenizer { get; }

    public void Dispose() => Generator.Dispose();
}
/// <summary>One line of shared/reference/use-lite/reference.jsonl: what the TF.js original produced for a text.</summary>
public sealed record ReferenceLine(string Text, int[] Ids, float[] Embedding)
{
    public static IReadOnlyList<ReferenceLine> Load() =>
        File.ReadLines(Path.Combine(SharedData.Reference, "use-lite", "reference.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => System.Text.Json.JsonSerializer.Deserialize<ReferenceLine>(l, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!)
            .ToList();
}
