using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsBot.Cli.Benchmarks;

/// <summary>What bench/reference-tfjs/embed-throughput.js reports.</summary>
public sealed record ReferenceRun(
    [property: JsonPropertyName("impl")] string Impl,
    [property: JsonPropertyName("passages")] int Passages,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("passages_per_second")] double PassagesPerSecond,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("simd")] bool Simd)
{
    public IReadOnlyList<float[]> Vectors { get; init; } = [];
}

/// <summary>
/// The reference USE-Lite (<c>@energetic-ai/embeddings</c> on tfjs-wasm) in bench/reference-tfjs, run in Node on the
/// same passages as NewsBot's model. It is installed on first use (npm ci, scripts off, hashes from its lock file).
/// </summary>
public sealed class ReferenceTfjs(string folder)
{
    private const string Script = "embed-throughput.js";

    public string Folder => folder;

    /// <summary>bench/reference-tfjs of the checkout the program runs from, or null when there is none.</summary>
    public static ReferenceTfjs? Locate()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "bench", "reference-tfjs");
                if (File.Exists(Path.Combine(candidate, Script))) return new ReferenceTfjs(candidate);
            }
        return null;
    }

    public static bool NodeIsAvailable() => TryRun("node", ["--version"], Environment.CurrentDirectory, out _);

    public bool IsInstalled
    {
        get
        {
            var installed = new FileInfo(Path.Combine(folder, "node_modules", ".package-lock.json"));
            return installed.Exists && installed.LastWriteTimeUtc >= File.GetLastWriteTimeUtc(Path.Combine(folder, "package-lock.json"));
        }
    }

    /// <summary>npm ci with install scripts off; npm's own output (its progress) goes to stderr.</summary>
    public bool Install(TextWriter log)
    {
        log.WriteLine($"bench: installing the reference implementation in {folder} (npm ci --ignore-scripts, about 10 MB)…");
        return TryRun("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], folder, out _, inheritOutput: true);
    }

    /// <summary>Embeds every passage of <paramref name="jsonl"/>; null (with the reason in <paramref name="log"/>) when the run fails.</summary>
    public ReferenceRun? Run(string jsonl, int batchSize, TextWriter log)
    {
        var vectorsFile = Path.Combine(Path.GetTempPath(), $"newsbot-reference-{Guid.NewGuid():N}.jsonl");
        try
        {
            if (!TryRun("node", [Script, "--input", jsonl, "--batch", batchSize.ToString(), "--vectors", vectorsFile], folder, out var stdout))
            {
                log.WriteLine("bench: the reference run failed (its error is above).");
                return null;
            }
            var run = JsonSerializer.Deserialize<ReferenceRun>(stdout.Trim().Split('\n')[^1])!;
            var vectors = File.ReadLines(vectorsFile)
                .Where(l => l.Length > 0)
                .Select(l => JsonSerializer.Deserialize<VectorLine>(l)!.Embedding)
                .ToList();
            return run with { Vectors = vectors };
        }
        finally
        {
            File.Delete(vectorsFile);
        }
    }

    private static bool TryRun(string program, string[] arguments, string workingDirectory, out string stdout, bool inheritOutput = false)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = !inheritOutput, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            stdout = inheritOutput ? "" : process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            stdout = "";
            return false; // the program is not installed
        }
    }

    private sealed record VectorLine([property: JsonPropertyName("embedding")] float[] Embedding);
}
