using System.Runtime.InteropServices;
using NewsBot.Testing;

namespace NewsBot.Onnx.Tests;

public sealed class OnnxRuntimeLocatorTests : IDisposable
{
    private static readonly string Relative = OnnxRuntimeSearch.InstallPath("linux", Architecture.X64)!;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_configured_path_wins_over_the_environment_and_the_install_folder()
    {
        var checkout = Checkout(withLibrary: true);
        var configured = Touch("configured.so");
        var environment = Touch("environment.so");

        var chosen = OnnxRuntimeLocator.Locate(new OnnxRuntimeSearch(configured, environment, [checkout], Relative));

        Assert.Equal(configured, chosen);
    }

    [Fact]
    public void The_environment_variable_wins_over_the_install_folder()
    {
        var checkout = Checkout(withLibrary: true);
        var environment = Touch("environment.so");

        Assert.Equal(environment, OnnxRuntimeLocator.Locate(new OnnxRuntimeSearch(null, environment, [checkout], Relative)));
    }

    [Fact]
    public void A_configured_path_that_does_not_exist_is_an_error_even_when_others_would_do()
    {
        var missing = _dir.File("nowhere/libonnxruntime.so.1");
        var search = new OnnxRuntimeSearch(missing, Touch("environment.so"), [Checkout(withLibrary: true)], Relative);

        var error = Assert.Throws<OnnxRuntimeNotFoundException>(() => OnnxRuntimeLocator.Locate(search));

        Assert.Contains(missing, error.Message);
        Assert.Contains("Embeddings:OnnxRuntimePath", error.Message);
    }

    [Fact]
    public void An_environment_path_that_does_not_exist_is_an_error_naming_the_variable()
    {
        var missing = _dir.File("missing.so");
        var search = new OnnxRuntimeSearch(null, missing, [Checkout(withLibrary: true)], Relative);

        var error = Assert.Throws<OnnxRuntimeNotFoundException>(() => OnnxRuntimeLocator.Locate(search));

        Assert.Contains(missing, error.Message);
        Assert.Contains("NEWSBOT_ONNXRUNTIME", error.Message);
    }

    [Theory]
    [InlineData("NewsBot.sln")]
    [InlineData("vectors/assets")]
    public void The_install_folder_is_found_by_walking_up_to_the_checkout(string marker)
    {
        var checkout = Checkout(withLibrary: true, marker);
        var deep = Directory.CreateDirectory(Path.Combine(checkout, "src", "App", "bin", "Release")).FullName;

        var chosen = OnnxRuntimeLocator.Locate(new OnnxRuntimeSearch(" ", "", [deep], Relative));

        Assert.Equal(Path.Combine(checkout, Relative), chosen);
    }

    [Fact]
    public void A_later_start_folder_is_tried_when_the_first_has_no_library()
    {
        var empty = Checkout(withLibrary: false);
        var full = Checkout(withLibrary: true);

        Assert.Equal(Path.Combine(full, Relative), OnnxRuntimeLocator.Locate(new OnnxRuntimeSearch(null, null, [empty, full], Relative)));
    }

    [Fact]
    public void A_missing_library_lists_the_places_tried_and_how_to_install_it()
    {
        var checkout = Checkout(withLibrary: false);
        var outside = Directory.CreateDirectory(_dir.File("outside")).FullName;

        var error = Assert.Throws<OnnxRuntimeNotFoundException>(() =>
            OnnxRuntimeLocator.Locate(new OnnxRuntimeSearch(null, null, [checkout, outside], Relative)));

        Assert.Contains(Path.Combine(checkout, Relative), error.Message);
        Assert.Contains("Embeddings:OnnxRuntimePath: not set", error.Message);
        Assert.Contains("NEWSBOT_ONNXRUNTIME: not set", error.Message);
        Assert.Contains(
            "Run ./newsbot setup (installs onnxruntime-node@1.30.0 into vectors/assets), or set NEWSBOT_ONNXRUNTIME to the path of libonnxruntime.so.1 (ONNX Runtime 1.30+).",
            error.Message.Replace("libonnxruntime.1.dylib", "libonnxruntime.so.1").Replace("onnxruntime.dll", "libonnxruntime.so.1"));
    }

    [Theory]
    [InlineData("linux", Architecture.X64, "linux/x64/libonnxruntime.so.1")]
    [InlineData("linux", Architecture.Arm64, "linux/arm64/libonnxruntime.so.1")]
    [InlineData("win32", Architecture.X64, "win32/x64/onnxruntime.dll")]
    [InlineData("darwin", Architecture.Arm64, "darwin/arm64/libonnxruntime.1.dylib")]
    public void The_install_path_follows_the_npm_package_layout(string os, Architecture architecture, string tail)
    {
        var path = OnnxRuntimeSearch.InstallPath(os, architecture)!.Replace('\\', '/');

        Assert.Equal("vectors/assets/node_modules/onnxruntime-node/bin/napi-v6/" + tail, path);
    }

    [Fact]
    public void Platforms_npm_does_not_ship_have_no_install_path() =>
        Assert.Null(OnnxRuntimeSearch.InstallPath("linux", Architecture.X86));

    [Fact]
    public void The_current_process_finds_the_library_setup_installed()
    {
        var search = OnnxRuntimeSearch.ForCurrentProcess(null) with { EnvironmentPath = null };

        var chosen = OnnxRuntimeLocator.Locate(search);

        Assert.True(File.Exists(chosen), chosen);
        Assert.StartsWith(SharedData.FindRepoRoot(), chosen);
    }

    private string Checkout(bool withLibrary, string marker = "NewsBot.sln")
    {
        var root = Directory.CreateDirectory(_dir.File("checkout-" + Guid.NewGuid().ToString("N")[..6])).FullName;
        if (marker == "NewsBot.sln") File.WriteAllText(Path.Combine(root, marker), "");
        else Directory.CreateDirectory(Path.Combine(root, marker));
        if (withLibrary)
        {
            var library = Path.Combine(root, Relative);
            Directory.CreateDirectory(Path.GetDirectoryName(library)!);
            File.WriteAllText(library, "");
        }
        return root;
    }

    private string Touch(string name)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, "");
        return path;
    }
}
