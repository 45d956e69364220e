namespace NewsBot.Testing;

/// <summary>
/// Locates the read-only <c>shared/</c> folder that sits beside the repository (<c>../shared</c> from its root):
/// the seeds, the digest corpus, the eval questions and the reference data.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepoRoot => FindRepoRoot();

    public static string SharedRoot => Root.Value;
    public static string Seeds => Path.Combine(Root.Value, "seeds");
    public static string Digests => Path.Combine(Root.Value, "corpus", "digests");
    public static string Eval => Path.Combine(Root.Value, "eval");
    public static string Reference => Path.Combine(Root.Value, "reference");

    public static string Seed(string prefix) => Directory.GetFiles(Seeds, prefix + "_*").Single();
    public static string Digest(string fileName) => Path.Combine(Digests, fileName);

    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NewsBot.sln"))) return dir.FullName;
        throw new InvalidOperationException("NewsBot.sln not found above " + AppContext.BaseDirectory);
    }

    private static string FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("NEWSBOT_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return Path.GetFullPath(env);
        var candidate = Path.GetFullPath(Path.Combine(FindRepoRoot(), "..", "shared"));
        if (Directory.Exists(candidate)) return candidate;
        throw new DirectoryNotFoundException(
            $"The shared data folder was not found at {candidate}. Put shared/ beside the repository, or set NEWSBOT_SHARED.");
    }
}

/// <summary>A folder under the system temp directory, deleted when disposed.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "newsbot-test-" + Guid.NewGuid().ToString("N")[..12]));
    public string Path { get; }
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public void Dispose() { try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { } }
}
