using System.Diagnostics;
using NewsBot.Onnx.Tests.Models;

namespace NewsBot.Onnx.Tests;

/// <summary>Measures the whole process, so nothing else may run meanwhile.</summary>
[CollectionDefinition(nameof(NativeMemoryTests), DisableParallelization = true)]
public sealed class NativeMemoryCollection;

[Collection(nameof(NativeMemoryTests))]
public sealed class NativeMemoryTests(ITestOutputHelper output)
{
    // Generous on purpose: malloc keeps freed memory as it sees fit. Seen on Linux x64: under 1 MB for the 5,000 runs,
    // about 5 MB for the 500 sessions (flat from there on, over 9,000 sessions); growth that kept going with the
    // number of runs would be a leak.
    private const long ToleranceBytes = 20L * 1024 * 1024;

    [Fact]
    public void Thousands_of_runs_leave_process_memory_flat()
    {
        using var session = OnnxSession.FromBytes(TestModels.MatMulRelu());
        var x = Enumerable.Range(0, 8 * 3).Select(i => (float)i).ToArray();
        void Run(int times)
        {
            for (var i = 0; i < times; i++)
            {
                using var result = session.Run([OnnxInput.Create("X", x, 8, 3)]);
                _ = result[0].GetData<float>()[0];
            }
        }

        Run(500);
        var before = SettledMemory();
        Run(5_000);
        var after = SettledMemory();

        Report(before, after);
    }

    [Fact]
    public void Creating_and_disposing_sessions_leaves_process_memory_flat()
    {
        var model = TestModels.ThreeOutputs();
        void Cycle(int times)
        {
            for (var i = 0; i < times; i++)
            {
                using var session = OnnxSession.FromBytes(model);
                using var result = session.Run([OnnxInput.Create("A", new[] { 1f }, 1), OnnxInput.Create("B", new[] { 2f }, 1)]);
            }
        }

        Cycle(50);
        var before = SettledMemory();
        Cycle(500);
        var after = SettledMemory();

        Report(before, after);
    }

    private void Report(long before, long after)
    {
        var growth = $"native working set {before / 1024} KiB -> {after / 1024} KiB ({(after - before) / 1024:+#;-#;0} KiB)";
        output.WriteLine(growth);
        Assert.True(after - before < ToleranceBytes, growth);
    }

    // The working set less what the GC has committed: the GC keeps freed segments around (its heap grows by 10-20 MB
    // over these loops with only ~1 MB live), which would otherwise swamp what is measured here, ORT's memory.
    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 - GC.GetGCMemoryInfo().TotalCommittedBytes;
    }
}
