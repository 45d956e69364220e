using NewsBot.Testing;

namespace NewsBot.Onnx.Tests;

public sealed class OnnxRuntimeTests
{
    [Fact]
    public void The_loaded_runtime_is_1_30_or_newer()
    {
        var version = Version.Parse(OnnxRuntime.Version);

        Assert.True(version >= new Version(1, 30), OnnxRuntime.Version);
        Assert.True(File.Exists(OnnxRuntime.LibraryPath), OnnxRuntime.LibraryPath);
    }

    [Fact]
    public void Initializing_again_with_the_loaded_path_or_none_is_harmless()
    {
        OnnxRuntime.Initialize();
        OnnxRuntime.Initialize(new OnnxRuntimeOptions { LibraryPath = OnnxRuntime.LibraryPath });
        OnnxRuntime.Initialize(new OnnxRuntimeOptions());
    }

    [Fact]
    public void Initializing_with_a_different_library_once_loaded_is_an_error_naming_both()
    {
        OnnxRuntime.Initialize();
        using var dir = new TempDir();
        var other = dir.File("libonnxruntime.so.1");
        File.WriteAllText(other, "");

        var error = Assert.Throws<InvalidOperationException>(() => OnnxRuntime.Initialize(new OnnxRuntimeOptions { LibraryPath = other }));

        Assert.Contains(OnnxRuntime.LibraryPath, error.Message);
        Assert.Contains(other, error.Message);
    }

    [Fact]
    public void Initialize_is_safe_from_many_threads() =>
        Parallel.For(0, 16, _ => OnnxRuntime.Initialize());
}
