using System.IO.Compression;

namespace NewsBot.Teams.Manifest;

/// <summary>
/// The Teams app package: a zip holding <c>manifest.json</c> and the two icons at its root, the file a user uploads
/// in Teams (Apps, Manage your apps, Upload an app) to side-load NewsBot.
/// </summary>
public static class TeamsAppPackage
{
    public const string ManifestFile = "manifest.json";

    // A fixed entry time makes the package depend on the settings only: the same settings give the same bytes.
    private static readonly DateTimeOffset EntryTime = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The package for <paramref name="settings"/>; throws <see cref="InvalidTeamsAppSettingsException"/> when they are invalid.</summary>
    public static byte[] Create(TeamsAppSettings settings)
    {
        var manifest = TeamsAppManifest.Create(settings);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, ManifestFile, manifest);
            Add(archive, TeamsAppManifest.ColorIconFile, PngEncoder.Encode(NewsBotIcons.Color(Rgba.FromHex(TeamsAppManifest.AccentColor))));
            Add(archive, TeamsAppManifest.OutlineIconFile, PngEncoder.Encode(NewsBotIcons.Outline()));
        }
        return zip.ToArray();
    }

    /// <summary>Writes the package to <paramref name="path"/> (its folder is created); nothing is written when the settings are invalid.</summary>
    public static void Write(string path, TeamsAppSettings settings)
    {
        var package = Create(settings);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        File.WriteAllBytes(path, package);
    }

    private static void Add(ZipArchive archive, string name, byte[] content)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        stream.Write(content);
    }
}
