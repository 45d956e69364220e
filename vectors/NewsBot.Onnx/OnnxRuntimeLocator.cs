namespace NewsBot.Onnx;

/// <summary>
/// Chooses the native ONNX Runtime library: (1) the configured path, (2) <c>NEWSBOT_ONNXRUNTIME</c>, (3) the copy
/// <c>./newsbot setup</c> installs in the checkout. A path that was given explicitly but does not exist is an error,
/// never a silent fall-through: whoever set it expects that library to be used.
/// </summary>
internal static class OnnxRuntimeLocator
{
    public const string ConfigurationKey = "Embeddings:OnnxRuntimePath";

    public static string InstallHint(string? os = null) =>
        "Run ./newsbot setup (installs onnxruntime-node@1.30.0 into vectors/assets), or set " + OnnxRuntimeSearch.EnvironmentVariable +
        " to the path of " + OnnxRuntimeSearch.LibraryFileName(os ?? OnnxRuntimeSearch.CurrentOs()) + " (ONNX Runtime 1.30+).";

    /// <summary>The full path of the library to load.</summary>
    /// <exception cref="OnnxRuntimeNotFoundException">No library at the chosen place; the message lists what was tried.</exception>
    public static string Locate(OnnxRuntimeSearch search)
    {
        if (!string.IsNullOrWhiteSpace(search.ConfiguredPath))
            return Explicit(search.ConfiguredPath, "the configuration setting " + ConfigurationKey);
        if (!string.IsNullOrWhiteSpace(search.EnvironmentPath))
            return Explicit(search.EnvironmentPath, "the environment variable " + OnnxRuntimeSearch.EnvironmentVariable);

        var tried = new List<string>
        {
            ConfigurationKey + ": not set",
            OnnxRuntimeSearch.EnvironmentVariable + ": not set",
        };
        if (search.InstallRelativePath is null)
        {
            tried.Add("vectors/assets: onnxruntime-node ships no library for this platform");
        }
        else
        {
            foreach (var start in search.StartDirectories.Distinct())
            {
                var root = FindCheckout(start);
                if (root is null)
                {
                    tried.Add("no NewsBot checkout (NewsBot.sln or vectors/assets) at or above " + start);
                    continue;
                }
                var candidate = Path.Combine(root, search.InstallRelativePath);
                if (File.Exists(candidate)) return candidate;
                if (!tried.Contains(candidate)) tried.Add(candidate);
            }
        }

        throw new OnnxRuntimeNotFoundException(
            "The ONNX Runtime native library was not found. Looked in:" + Environment.NewLine +
            string.Join(Environment.NewLine, tried.Select(t => "  - " + t)) + Environment.NewLine +
            InstallHint());
    }

    private static string Explicit(string path, string source)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) return full;
        throw new OnnxRuntimeNotFoundException(
            $"The ONNX Runtime library named by {source} does not exist: {full}. Fix or unset it. {InstallHint()}");
    }

    private static string? FindCheckout(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsBot.sln")) || Directory.Exists(Path.Combine(dir.FullName, "vectors", "assets")))
                return dir.FullName;
        }
        return null;
    }
}
