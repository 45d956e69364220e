namespace NewsBot.Cli.Benchmarks;

/// <summary>
/// This process's resident memory from /proc/self/status (Linux): the GC's own counters miss what ONNX Runtime and
/// SQLite allocate natively, and a server's limit is on the whole process.
/// </summary>
public static class ProcessMemory
{
    /// <summary>Peak resident set (VmHWM) in MB, or null where /proc is not available.</summary>
    public static double? PeakResidentMegabytes() => Read("VmHWM:");

    /// <summary>Current resident set (VmRSS) in MB, or null where /proc is not available.</summary>
    public static double? ResidentMegabytes() => Read("VmRSS:");

    private static double? Read(string key)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return null;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        var kilobytes = line?[key.Length..].Trim().Split(' ')[0];
        return long.TryParse(kilobytes, out var kb) ? kb / 1024.0 : null;
    }
}
