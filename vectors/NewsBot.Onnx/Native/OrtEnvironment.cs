namespace NewsBot.Onnx.Native;

/// <summary>
/// The process-wide native objects every session shares: the <c>OrtEnv</c> and the CPU <c>OrtMemoryInfo</c> used to wrap
/// managed buffers. Created on first use and kept for the process lifetime: ORT's env is a ref-counted singleton that
/// must outlive every session, and recreating it per session buys nothing.
/// </summary>
internal static class OrtEnvironment
{
    private const int LoggingLevelWarning = 2;

    // Not Lazy<T>: it would cache a failed initialization (say, a missing library) for the rest of the process.
    private static readonly Lock Gate = new();
    private static OrtEnvHandle? s_env;
    private static OrtMemoryInfoHandle? s_cpuMemory;

    public static OrtEnvHandle Handle => Volatile.Read(ref s_env) ?? CreateOnce(ref s_env, () => OrtApi.CreateEnv(LoggingLevelWarning, "NewsBot"));

    public static OrtMemoryInfoHandle CpuMemory => Volatile.Read(ref s_cpuMemory) ?? CreateOnce(ref s_cpuMemory, OrtApi.CreateCpuMemoryInfo);

    private static T CreateOnce<T>(ref T? field, Func<T> create) where T : class
    {
        lock (Gate)
        {
            if (field is null)
            {
                OnnxRuntime.Initialize();
                Volatile.Write(ref field, create());
            }
            return field;
        }
    }
}
