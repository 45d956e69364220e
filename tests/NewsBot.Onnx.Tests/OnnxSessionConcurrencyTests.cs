using NewsBot.Onnx.Tests.Models;

namespace NewsBot.Onnx.Tests;

public sealed class OnnxSessionConcurrencyTests
{
    [Fact]
    public void One_session_runs_correctly_from_several_threads_at_once()
    {
        using var session = OnnxSession.FromBytes(TestModels.MatMulRelu());
        const int Threads = 4, RunsPerThread = 500;

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            for (var run = 0; run < RunsPerThread; run++)
            {
                // Different data on every thread and run, so a mixed-up result cannot pass.
                var rows = 1 + (t + run) % 4;
                var x = Enumerable.Range(0, rows * 3).Select(i => (float)(t * 1000 + run + i) / 7 - 50).ToArray();
                using var result = session.Run([OnnxInput.Create("X", x, rows, 3)]);
                if (!result[0].GetData<float>().SequenceEqual(TestModels.MatMulReluExpected(x)))
                    failures.Add($"thread {t} run {run}");
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
    }
}
