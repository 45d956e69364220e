using System.Text.Json;
using System.Text.RegularExpressions;

namespace NewsBot.Cli.Benchmarks;

/// <summary>
/// Fixed-length passages cut from the corpus for throughput runs: the same files give the same passages on every
/// machine, so figures from different runs and implementations are comparable.
/// </summary>
public static partial class BenchPassages
{
    /// <summary>
    /// <paramref name="count"/> passages of <paramref name="words"/> words, taken at even steps through the
    /// consecutive word windows of every Markdown file under <paramref name="folder"/> (in ordinal file-name order).
    /// Link targets and markup are dropped: they are not prose, and would push every passage past the model's window.
    /// </summary>
    public static IReadOnlyList<string> Build(string folder, int count, int words = 100)
    {
        var windows = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var prose = Markup().Replace(File.ReadAllText(file), " ");
            var tokens = prose.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(t => t.Any(char.IsLetterOrDigit)).ToArray();
            for (var first = 0; first + words <= tokens.Length; first += words)
                windows.Add(string.Join(' ', tokens, first, words));
        }
        if (windows.Count < count)
            throw new InvalidOperationException($"{folder} holds only {windows.Count} passages of {words} words; {count} were asked for.");
        var step = (double)windows.Count / count;
        return Enumerable.Range(0, count).Select(i => windows[(int)(i * step)]).ToList();
    }

    /// <summary>Writes one <c>{"text": …}</c> per line, the input of bench/reference-tfjs/embed-throughput.js.</summary>
    public static void WriteJsonl(string path, IEnumerable<string> texts) =>
        File.WriteAllLines(path, texts.Select(t => JsonSerializer.Serialize(new { text = t })));

    // Markdown link targets "](…)", bare URLs, and heading/emphasis/list symbols.
    [GeneratedRegex(@"\]\([^)]*\)|https?://\S+|[#*_>`\[\]|]")]
    private static partial Regex Markup();
}
