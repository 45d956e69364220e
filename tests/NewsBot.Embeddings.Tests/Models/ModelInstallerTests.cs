using System.Security.Cryptography;
using System.Text;
using NewsBot.Embeddings.Models;
using NewsBot.Testing;

namespace NewsBot.Embeddings.Tests.Models;

public sealed class ModelInstallerTests : IDisposable
{
    private static readonly byte[] Graph = RandomNumberGenerator.GetBytes(300_000);
    private static readonly byte[] Tokenizer = Encoding.UTF8.GetBytes("""{ "model": { "type": "WordPiece", "vocab": {} } }""");

    private readonly TempDir _dir = new();
    private readonly LocalFileServer _server = new(new Dictionary<string, byte[]> { ["repo/onnx/model.onnx"] = Graph, ["repo/tokenizer.json"] = Tokenizer });
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        _dir.Dispose();
    }

    private string Destination => _dir.File(Path.Combine("models", "tiny"));

    private ModelEntry Entry(string? graphSha = null, string graphPath = "repo/onnx/model.onnx") => new(
        "tiny", "a test model", ModelSource.Download, 4,
        [
            new("model.onnx", _server.Url(graphPath), graphSha ?? Sha256(Graph)),
            new("tokenizer.json", _server.Url("repo/tokenizer.json"), Sha256(Tokenizer)),
        ]);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task Files_with_the_pinned_hashes_are_installed_under_their_names_with_progress()
    {
        var reports = new List<ModelDownloadProgress>();

        await new ModelInstaller(_http).InstallAsync(Entry(), Destination, new SynchronousProgress<ModelDownloadProgress>(reports.Add));

        Assert.Equal(Graph, await File.ReadAllBytesAsync(Path.Combine(Destination, "model.onnx")));
        Assert.Equal(Tokenizer, await File.ReadAllBytesAsync(Path.Combine(Destination, "tokenizer.json")));
        Assert.True(Entry().IsInstalledIn(Destination));
        Assert.Equal(new ModelDownloadProgress("model.onnx", 1, 2, Graph.Length, Graph.Length), reports.Last(r => r.FileName == "model.onnx"));
        Assert.Equal(new ModelDownloadProgress("tokenizer.json", 2, 2, Tokenizer.Length, Tokenizer.Length), reports[^1]);
        Assert.Equal(["tiny"], Directory.GetFileSystemEntries(Path.GetDirectoryName(Destination)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_hash_mismatch_is_an_error_that_leaves_nothing_installed()
    {
        var wrong = new string('0', 64);

        var error = await Assert.ThrowsAsync<ModelInstallException>(() => new ModelInstaller(_http).InstallAsync(Entry(graphSha: wrong), Destination));

        Assert.Contains("model.onnx", error.Message);
        Assert.Contains(Sha256(Graph), error.Message);
        Assert.Contains(wrong, error.Message);
        Assert.Contains("nothing was installed", error.Message);
        Assert.False(Directory.Exists(Destination));
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(Destination)!));
    }

    [Fact]
    public async Task A_missing_file_is_a_clear_404_error_that_leaves_nothing_installed()
    {
        var error = await Assert.ThrowsAsync<ModelInstallException>(() => new ModelInstaller(_http).InstallAsync(Entry(graphPath: "repo/onnx/gone.onnx"), Destination));

        Assert.Contains("HTTP 404", error.Message);
        Assert.Contains("model.onnx", error.Message);
        Assert.Contains("gone.onnx", error.Message);
        Assert.False(Directory.Exists(Destination));
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(Destination)!));
    }

    [Fact]
    public async Task An_unreachable_server_is_a_network_error_with_what_to_check()
    {
        _server.Dispose();
        var entry = Entry();

        var error = await Assert.ThrowsAsync<ModelInstallException>(() => new ModelInstaller(_http).InstallAsync(entry, Destination));

        Assert.Contains("127.0.0.1", error.Message);
        Assert.Contains("network", error.Message);
        Assert.False(Directory.Exists(Destination));
    }

    [Fact]
    public async Task A_file_without_a_pinned_hash_is_refused_before_any_download()
    {
        var entry = Entry() with { Files = [new ModelFile("model.onnx", _server.Url("repo/onnx/model.onnx"), Sha256: null)] };

        var error = await Assert.ThrowsAsync<ModelInstallException>(() => new ModelInstaller(_http).InstallAsync(entry, Destination));

        Assert.Contains("--sha256 model.onnx=HEX", error.Message);
        Assert.Equal(0, _server.Requests);
        await new ModelInstaller(_http).InstallAsync(entry.WithSha256("model.onnx", Sha256(Graph).ToUpperInvariant()), Destination);
        Assert.True(File.Exists(Path.Combine(Destination, "model.onnx")));
    }

    [Fact]
    public async Task A_locally_built_model_is_not_downloaded()
    {
        var error = await Assert.ThrowsAsync<ModelInstallException>(() => new ModelInstaller(_http).InstallAsync(ModelCatalog.UseLite, Destination));

        Assert.Contains("./newsbot setup", error.Message);
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task Reinstalling_replaces_the_model_files_and_keeps_other_files()
    {
        Directory.CreateDirectory(Destination);
        await File.WriteAllTextAsync(Path.Combine(Destination, "model.onnx"), "stale");
        await File.WriteAllTextAsync(Path.Combine(Destination, "notes.txt"), "mine");

        await new ModelInstaller(_http).InstallAsync(Entry(), Destination);

        Assert.Equal(Graph, await File.ReadAllBytesAsync(Path.Combine(Destination, "model.onnx")));
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(Destination, "notes.txt")));
        Assert.Single(Directory.GetFileSystemEntries(Path.GetDirectoryName(Destination)!));
    }

    [Fact]
    public void A_sha256_must_be_64_hex_digits_and_name_a_file_of_the_model()
    {
        Assert.Throws<ArgumentException>(() => Entry().WithSha256("model.onnx", "abc"));
        Assert.Throws<ArgumentException>(() => Entry().WithSha256("vocab.txt", new string('a', 64)));
        Assert.Throws<ArgumentException>(() => new ModelFile("../model.onnx", _server.Url("x"), null));
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the reports in order and complete.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
