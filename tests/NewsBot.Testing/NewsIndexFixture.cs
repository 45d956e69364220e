using Xunit;
using NewsBot.Index.Sqlite;
using NewsBot.Ingestion;
using NewsBot.Ingestion.Pipeline;

namespace NewsBot.Testing;

/// <summary>
/// A real index file for the server to open: the seeds, this year's digests, and <see cref="HostileDocument"/>, a
/// newsletter whose stories carry markup that must never reach a page as HTML. Keyword search only, to stay quick.
/// </summary>
public sealed class NewsIndexFixture : IAsyncLifetime
{
    private readonly TempDir _dir = new();

    public string DatabasePath => _dir.File("news.db");

    public const string HostileTitle = "Zorblax robotics raises <script>alert(2)</script> funding <img src=x onerror=alert(1)>";

    /// <summary>A plain-text newsletter (the format of the newsletter seeds): headline lines, then paragraphs. Its reader keeps markup as text.</summary>
    public static string HostileDocument => $"""
        AI Security Weekly: <script>alert(0)</script> edition

        The first week of January 2026 brought one odd story from the robotics world, told here with its markup intact.

        {HostileTitle}

        Zorblax robotics said on Monday that its warehouse robots <b>now</b> sort parcels <img src=x onerror=alert(3)> twice as fast, and raised new funding. <script>alert(4)</script> The company plans to hire 200 engineers for its Zorblax sorting arms, a memo to @everyone and <@&123456789012345678> said.
        """;

    public async Task InitializeAsync()
    {
        var hostile = _dir.File("hostile-newsletter.txt");
        await File.WriteAllTextAsync(hostile, HostileDocument);
        var digests = Directory.GetFiles(SharedData.Digests, "2026-*.md");
        await using var index = await SqliteNewsIndex.OpenAsync(DatabasePath);
        var report = await IngestPipeline.Create(index, new IngestionOptions()).IngestAsync([SharedData.Seeds, hostile, .. digests]);
        if (report.Count(DocumentStatus.Failed) > 0) throw new InvalidOperationException("The test index did not ingest cleanly: " + string.Join("; ", report.Documents.Where(d => d.Error is not null).Select(d => $"{d.Path}: {d.Error}")));
    }

    /// <summary>Configuration for a server over this index: keyword search, the given overrides on top.</summary>
    public Dictionary<string, string?> Configuration(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Store:Path"] = DatabasePath,
            ["Embeddings:Model"] = "none",
            ["Web:PermitsPerMinute"] = "100000",
            ["Web:Burst"] = "1000",
            ["Web:MaintainerKey"] = MaintainerKey,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    public const string MaintainerKey = "test-maintainer-key";

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
