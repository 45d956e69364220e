using System.Runtime.InteropServices;
using NewsBot.Onnx.Native;

namespace NewsBot.Onnx;

/// <summary>
/// The native ONNX Runtime library, loaded once per process. Sessions initialize it on first use with the default probe
/// order; call <see cref="Initialize"/> first to load a configured path instead.
/// </summary>
/// <remarks>
/// Binding goes through <c>OrtGetApiBase</c> and the <c>OrtApi</c> function table, loaded with
/// <see cref="NativeLibrary"/> rather than <c>[DllImport]</c>: an assembly's DllImport resolver can be set only once,
/// and the library path is only known at run time. The library is never unloaded: sessions, values and the process-wide
/// environment all point into it.
/// </remarks>
public static class OnnxRuntime
{
    /// <summary>The <c>ORT_API_VERSION</c> this binding was written against (ONNX Runtime 1.30); newer runtimes also serve it.</summary>
    public const uint ApiVersion = 30;

    private static readonly Lock Gate = new();
    private static LoadedLibrary? s_loaded;

    /// <summary>The loaded runtime's version, for example <c>1.30.0</c>. Loads the library if needed.</summary>
    public static string Version => Loaded.Version;

    /// <summary>The full path the native library was loaded from. Loads the library if needed.</summary>
    public static string LibraryPath => Loaded.Path;

    private static LoadedLibrary Loaded
    {
        get
        {
            Initialize();
            return s_loaded!;
        }
    }

    /// <summary>
    /// Loads the native library unless it is loaded already. Safe to call from several threads and more than once.
    /// </summary>
    /// <exception cref="OnnxRuntimeNotFoundException">The library is missing, cannot be loaded, or is older than 1.30.</exception>
    /// <exception cref="InvalidOperationException">
    /// <paramref name="options"/> names a library other than the one already loaded: a process can hold only one.
    /// </exception>
    public static void Initialize(OnnxRuntimeOptions? options = null)
    {
        var configured = options?.LibraryPath;
        var loaded = Volatile.Read(ref s_loaded);
        if (loaded is null)
        {
            lock (Gate)
            {
                loaded = s_loaded;
                if (loaded is null)
                {
                    loaded = Load(OnnxRuntimeLocator.Locate(OnnxRuntimeSearch.ForCurrentProcess(configured)));
                    Volatile.Write(ref s_loaded, loaded);
                    return;
                }
            }
        }
        if (!string.IsNullOrWhiteSpace(configured) && !SamePath(Path.GetFullPath(configured), loaded.Path))
            throw new InvalidOperationException(
                $"ONNX Runtime is already loaded from {loaded.Path}; it cannot also be loaded from {Path.GetFullPath(configured)} " +
                "in the same process. Configure one library path.");
    }

    private static unsafe LoadedLibrary Load(string path)
    {
        nint library;
        try
        {
            library = NativeLibrary.Load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new OnnxRuntimeNotFoundException($"ONNX Runtime at {path} could not be loaded: {e.Message} {OnnxRuntimeLocator.InstallHint()}", e);
        }

        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var getApiBase))
        {
            NativeLibrary.Free(library);
            throw new OnnxRuntimeNotFoundException($"{path} is not ONNX Runtime: it exports no OrtGetApiBase. {OnnxRuntimeLocator.InstallHint()}");
        }

        // OrtApiBase is { GetApi, GetVersionString }.
        var apiBase = ((delegate* unmanaged[Cdecl]<nint*>)getApiBase)();
        var version = Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<nint>)apiBase[1])()) ?? "unknown";
        var api = ((delegate* unmanaged[Cdecl]<uint, nint>)apiBase[0])(ApiVersion);
        if (api == 0)
        {
            NativeLibrary.Free(library);
            throw new OnnxRuntimeNotFoundException(
                $"ONNX Runtime at {path} is version {version}, older than 1.30: it does not provide API version {ApiVersion}. " +
                OnnxRuntimeLocator.InstallHint());
        }

        OrtApi.Bind(api);
        return new LoadedLibrary(path, version);
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(a, b, OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);

    private sealed record LoadedLibrary(string Path, string Version);
}
