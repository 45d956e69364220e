using System.Text.Json;
using NewsBot.Testing;

namespace NewsBot.Ingestion.Tests.TextRepair;

/// <summary>A test case from ftfy's reference files (see shared/reference/ftfy/CASES.md).</summary>
public sealed record FtfyCase(string Label, string Original, string Expected)
{
    public static IReadOnlyList<FtfyCase> Load(string fileName)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedData.Reference, "ftfy", fileName)));
        return json.RootElement.EnumerateArray().Select(c => new FtfyCase(
            c.GetProperty("label").GetString()!,
            c.GetProperty("original").GetString()!,
            // fixed-encoding is what ftfy's encoding step alone gives; fixed (the full fix_text) stands in when absent.
            (c.TryGetProperty("fixed-encoding", out var encodingOnly) ? encodingOnly : c.GetProperty("fixed")).GetString()!)).ToList();
    }

    /// <summary>The repair does not un-curl quotes the way ftfy's full fix does, so quotes are compared folded.</summary>
    public bool IsMetBy(string repaired) => repaired == Expected || FoldQuotes(repaired) == FoldQuotes(Expected);

    private static string FoldQuotes(string s) =>
        s.Replace('‘', '\'').Replace('’', '\'').Replace('“', '"').Replace('”', '"');
}
