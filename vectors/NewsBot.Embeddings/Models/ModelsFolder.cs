namespace NewsBot.Embeddings.Models;

/// <summary>Finds the folder models are installed in: <c>vectors/assets/models</c> of the NewsBot checkout.</summary>
public static class ModelsFolder
{
    /// <summary>
    /// <paramref name="configured"/> when given; otherwise the models folder of the checkout at or above the working
    /// directory or the running binary, so that commands work from any folder of the checkout; otherwise
    /// <see cref="ModelCatalog.DefaultModelsFolder"/> under the working directory.
    /// </summary>
    public static string Locate(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "NewsBot.sln")))
                    return Path.Combine(dir.FullName, ModelCatalog.DefaultModelsFolder);
        return Path.GetFullPath(ModelCatalog.DefaultModelsFolder);
    }
}
