namespace NewsBot.Embeddings.Models;

/// <summary>
/// Finds the checkout's asset folders: <c>vectors/assets</c> (what <c>./newsbot setup</c> installs from npm) and its
/// <c>models</c> folder (converted and downloaded models).
/// </summary>
public static class ModelsFolder
{
    private static readonly string AssetsFolder = Path.Combine("vectors", "assets");

    /// <summary>
    /// <paramref name="configured"/> when given; otherwise <c>vectors/assets</c> of the checkout at or above the working
    /// directory or the running binary, so that commands work from any folder of the checkout; otherwise
    /// <c>vectors/assets</c> under the working directory.
    /// </summary>
    public static string LocateAssets(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, AssetsFolder);
                if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
            }
        return Path.GetFullPath(AssetsFolder);
    }

    /// <summary><paramref name="configured"/> when given; otherwise the <c>models</c> folder of <see cref="LocateAssets"/>.</summary>
    public static string Locate(string? configured = null) =>
        !string.IsNullOrWhiteSpace(configured) ? Path.GetFullPath(configured) : Path.Combine(LocateAssets(), "models");
}
