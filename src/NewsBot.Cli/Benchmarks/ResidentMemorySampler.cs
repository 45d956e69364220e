namespace NewsBot.Cli.Benchmarks;

/// <summary>Reads a process's resident set (VmRSS) at a fixed interval and keeps the highest seen, until disposed.</summary>
public sealed class ResidentMemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private double _peak = double.NaN;

    public ResidentMemorySampler(int processId, TimeSpan interval) => _loop = SampleAsync(processId, interval);

    /// <summary>The highest VmRSS read so far, in MB; null when none could be read (no /proc, or the process is gone).</summary>
    public double? PeakMegabytes => Volatile.Read(ref _peak) is var peak && double.IsNaN(peak) ? null : peak;

    public int Samples { get; private set; }

    private async Task SampleAsync(int processId, TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            if (ProcessMemory.ResidentMegabytes(processId) is { } rss)
            {
                Samples++;
                if (double.IsNaN(_peak) || rss > _peak) Volatile.Write(ref _peak, rss);
            }
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try { return await timer.WaitForNextTickAsync(_stop.Token); }
        catch (OperationCanceledException) { return false; }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
