using System.IO.Compression;
using System.Text.Json;

namespace NewsBot.Teams.Tests.Manifest;

/// <summary>A Teams app package opened the way Teams does: the entries at the zip's root, the manifest parsed, the icons decoded.</summary>
public sealed class TeamsPackageReader : IDisposable
{
    private readonly JsonDocument _manifest;

    public TeamsPackageReader(byte[] package)
    {
        using var archive = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        Entries = archive.Entries.Select(e => e.FullName).ToList();
        byte[] Read(string name)
        {
            using var stream = archive.GetEntry(name)?.Open() ?? throw new InvalidDataException($"no {name} in the package");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        _manifest = JsonDocument.Parse(Read("manifest.json"));
        Color = PngImage.Decode(Read(Manifest.GetProperty("icons").GetProperty("color").GetString()!));
        Outline = PngImage.Decode(Read(Manifest.GetProperty("icons").GetProperty("outline").GetString()!));
    }

    public IReadOnlyList<string> Entries { get; }
    public JsonElement Manifest => _manifest.RootElement;
    public PngImage Color { get; }
    public PngImage Outline { get; }

    public static TeamsPackageReader Open(string path) => new(File.ReadAllBytes(path));

    public void Dispose() => _manifest.Dispose();
}
