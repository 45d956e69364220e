namespace NewsBot.Ingestion.Pipeline;

/// <summary>Expands the paths given to ingest into the document files they name, in a stable order.</summary>
public static class DocumentFiles
{
    public static (List<string> Files, List<string> Missing) Expand(IEnumerable<string> paths, IReadOnlyCollection<string> extensions)
    {
        var files = new List<string>();
        var missing = new List<string>();
        foreach (var raw in paths)
        {
            var path = Path.GetFullPath(raw);
            if (File.Exists(path))
                files.Add(path);
            else if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System })
                    .Where(f => !Path.GetFileName(f).StartsWith('.') && extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                    .Order(StringComparer.Ordinal));
            else
                missing.Add(raw);
        }
        return (files.Distinct().ToList(), missing);
    }
}
