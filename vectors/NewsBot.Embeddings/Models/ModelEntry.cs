using NewsBot.Embeddings.Bert;

namespace NewsBot.Embeddings.Models;

/// <summary>Where a model's files come from.</summary>
public enum ModelSource
{
    /// <summary>Downloaded from Hugging Face by <c>./newsbot models install</c>, each file checked against its SHA-256.</summary>
    Download,

    /// <summary>Converted on this machine from weights installed by <c>./newsbot setup</c>; nothing to download.</summary>
    BuiltLocally,
}

/// <summary>One file of a model: where it comes from, its pinned SHA-256 and the name it is installed under.</summary>
/// <param name="FileName">A plain file name inside the model's folder.</param>
/// <param name="Url">Where to download it; pinned to a repository revision where one is known.</param>
/// <param name="Sha256">Lower-case hex SHA-256; <see langword="null"/> when no published value was found, so the user must supply it.</param>
/// <param name="Size">The size in bytes, when published: progress totals for servers that send no length.</param>
public sealed record ModelFile(string FileName, Uri Url, string? Sha256, long? Size = null)
{
    public string FileName { get; init; } = ValidFileName(FileName);
    public string? Sha256 { get; init; } = Sha256 is null ? null : ValidSha256(Sha256);

    public static string ValidSha256(string hex)
    {
        var normalized = hex.Trim().ToLowerInvariant();
        if (normalized.Length != 64 || !normalized.All(char.IsAsciiHexDigit))
            // No parameter name: the message is shown to users as it is.
            throw new ArgumentException($"'{hex}' is not a SHA-256: it must be 64 hexadecimal digits.");
        return normalized;
    }

    private static string ValidFileName(string name) =>
        !string.IsNullOrWhiteSpace(name) && name == Path.GetFileName(name) && name is not ("." or "..")
            ? name
            : throw new ArgumentException($"'{name}' must be a plain file name, not a path.", nameof(FileName));
}

/// <summary>A model NewsBot can embed with: its id, size of vector, how it is obtained and, for BERT models, how to run it.</summary>
public sealed record ModelEntry(
    string Id,
    string Description,
    ModelSource Source,
    int Dimensions,
    IReadOnlyList<ModelFile> Files,
    BertModelProfile? Profile = null)
{
    /// <summary>The files that still need a SHA-256 from the user before they can be installed.</summary>
    public IEnumerable<ModelFile> FilesWithoutSha256 => Files.Where(f => f.Sha256 is null);

    /// <summary>This entry with <paramref name="fileName"/>'s expected SHA-256 set (the user's <c>--sha256</c>).</summary>
    public ModelEntry WithSha256(string fileName, string sha256)
    {
        if (!Files.Any(f => f.FileName == fileName))
            throw new ArgumentException($"Model '{Id}' has no file '{fileName}'.");
        return this with { Files = Files.Select(f => f.FileName == fileName ? f with { Sha256 = ModelFile.ValidSha256(sha256) } : f).ToList() };
    }

    /// <summary>
    /// True when every file is in <paramref name="folder"/>. A locally built model (USE-Lite) counts as installed once
    /// its folder holds the converted graph and its vocabulary.
    /// </summary>
    public bool IsInstalledIn(string folder) => Source == ModelSource.BuiltLocally
        ? new UseLite.UseLiteModelFiles(folder, null).IsBuilt
        : Files.All(f => File.Exists(Path.Combine(folder, f.FileName)));
}
