using System.Runtime.InteropServices;

namespace NewsBot.Onnx;

/// <summary>
/// The places <see cref="OnnxRuntimeLocator"/> looks for the native library, in probe order. Kept apart from the
/// process so that the probe order can be tested without loading anything.
/// </summary>
/// <param name="ConfiguredPath">From <see cref="OnnxRuntimeOptions.LibraryPath"/> (configuration key <c>Embeddings:OnnxRuntimePath</c>).</param>
/// <param name="EnvironmentPath">From the <c>NEWSBOT_ONNXRUNTIME</c> environment variable.</param>
/// <param name="StartDirectories">Folders to walk up from, looking for a NewsBot checkout.</param>
/// <param name="InstallRelativePath">The library's path inside a checkout, or null when npm ships none for this platform.</param>
internal sealed record OnnxRuntimeSearch(
    string? ConfiguredPath,
    string? EnvironmentPath,
    IReadOnlyList<string> StartDirectories,
    string? InstallRelativePath)
{
    public const string EnvironmentVariable = "NEWSBOT_ONNXRUNTIME";

    public static OnnxRuntimeSearch ForCurrentProcess(string? configuredPath) => new(
        configuredPath,
        Environment.GetEnvironmentVariable(EnvironmentVariable),
        [AppContext.BaseDirectory, Environment.CurrentDirectory],
        InstallPath(CurrentOs(), RuntimeInformation.ProcessArchitecture));

    /// <summary>Where <c>./newsbot setup</c> (npm, onnxruntime-node) puts the library for a platform, relative to the checkout.</summary>
    public static string? InstallPath(string? os, Architecture architecture)
    {
        var arch = architecture switch { Architecture.X64 => "x64", Architecture.Arm64 => "arm64", _ => null };
        if (os is null || arch is null) return null;
        return Path.Combine("vectors", "assets", "node_modules", "onnxruntime-node", "bin", "napi-v6", os, arch, LibraryFileName(os));
    }

    /// <summary>The library's file name as onnxruntime-node ships it.</summary>
    public static string LibraryFileName(string? os) => os switch
    {
        "win32" => "onnxruntime.dll",
        "darwin" => "libonnxruntime.1.dylib",
        _ => "libonnxruntime.so.1",
    };

    // npm's names for the platforms (process.platform).
    public static string? CurrentOs() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "win32" : OperatingSystem.IsMacOS() ? "darwin" : null;
}
