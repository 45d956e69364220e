using NewsBot.Evaluation;

namespace NewsBot.Cli.Benchmarks;

/// <summary>Timed samples of one measure, in milliseconds, summarised as the nearest-rank p50 and p95.</summary>
public sealed class Percentiles(string name)
{
    private readonly List<double> _samples = [];

    public string Name => name;
    public int Count => _samples.Count;
    public double P50 => LatencyMetrics.Percentile(Sorted(), 0.50);
    public double P95 => LatencyMetrics.Percentile(Sorted(), 0.95);

    public void Add(TimeSpan elapsed) => _samples.Add(elapsed.TotalMilliseconds);

    public async Task<T> TimeAsync<T>(Func<Task<T>> action)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await action();
        Add(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return result;
    }

    private double[] Sorted() => _samples.Order().ToArray();
}
