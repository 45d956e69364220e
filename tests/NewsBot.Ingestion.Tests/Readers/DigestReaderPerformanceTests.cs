using System.Diagnostics;
using NewsBot.Ingestion.Readers;
using NewsBot.Testing;
using Xunit.Abstractions;

namespace NewsBot.Ingestion.Tests.Readers;

/// <summary>Runs alone: the timing must not include other tests' work.</summary>
[CollectionDefinition(nameof(DigestReaderPerformanceTests), DisableParallelization = true)]
public sealed class DigestReaderPerformanceCollection;

[Collection(nameof(DigestReaderPerformanceTests))]
public sealed class DigestReaderPerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void TheCorpusParsesWellUnderTwoSeconds()
    {
        var reader = new DigestReader();
        var sources = Directory.GetFiles(SharedData.Digests, "*.md").Select(f => new SourceText(f, File.ReadAllText(f))).ToList();
        var passes = Enumerable.Range(0, 3).Select(_ => TimePass(reader, sources)).ToList();
        output.WriteLine($"{sources.Sum(s => s.Text.Length) / 1024} KB, {sources.Count} digests; passes (wall / cpu ms): "
            + string.Join(", ", passes.Select(p => $"{p.Wall.TotalMilliseconds:F0} / {p.Cpu.TotalMilliseconds:F0}")));
        // Processor time, not wall time: this machine builds other projects in parallel, which stretches wall time
        // but not the work the parser does. The first pass includes JIT compilation and must pass too.
        Assert.All(passes, p => Assert.True(p.Cpu < TimeSpan.FromSeconds(2), $"a pass used {p.Cpu.TotalMilliseconds:F0} ms of processor time"));
    }

    private static (TimeSpan Wall, TimeSpan Cpu) TimePass(DigestReader reader, List<SourceText> sources)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        foreach (var source in sources) reader.Read(source);
        wall.Stop();
        process.Refresh();
        return (wall.Elapsed, process.TotalProcessorTime - cpu);
    }
}
