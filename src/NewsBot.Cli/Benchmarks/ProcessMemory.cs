using System.Globalization;

namespace NewsBot.Cli.Benchmarks;

/// <summary>
/// A process's resident memory from /proc/PID/status (Linux): the GC's own counters miss what ONNX Runtime and
/// SQLite allocate natively, and a server's limit is on the whole process. Without an id, this process.
/// </summary>
public static class ProcessMemory
{
    /// <summary>True where /proc/PID/status can be read (Linux).</summary>
    public static bool IsAvailable => File.Exists("/proc/self/status");

    /// <summary>Peak resident set (VmHWM) in MB, or null where /proc is not available.</summary>
    public static double? PeakResidentMegabytes() => Read("self", "VmHWM:");

    /// <summary>Current resident set (VmRSS) in MB, or null where /proc is not available.</summary>
    public static double? ResidentMegabytes() => Read("self", "VmRSS:");

    /// <summary>Peak resident set (VmHWM) of process <paramref name="processId"/> in MB, or null where /proc is not available or the process is gone.</summary>
    public static double? PeakResidentMegabytes(int processId) => Read(processId.ToString(CultureInfo.InvariantCulture), "VmHWM:");

    /// <summary>Current resident set (VmRSS) of process <paramref name="processId"/> in MB, or null where /proc is not available or the process is gone.</summary>
    public static double? ResidentMegabytes(int processId) => Read(processId.ToString(CultureInfo.InvariantCulture), "VmRSS:");

    private static double? Read(string process, string key)
    {
        var status = $"/proc/{process}/status";
        try
        {
            if (!File.Exists(status)) return null;
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            var kilobytes = line?[key.Length..].Trim().Split(' ')[0];
            return long.TryParse(kilobytes, NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb / 1024.0 : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the process ended between the check and the read, or is not ours to read
        }
    }
}
