using System.Diagnostics;
using NewsBot.Index;
using NewsBot.Index.Sqlite;

namespace NewsBot.Cli.Migration;

/// <summary>
/// Copies an embedded index into another store, document by document, as it was written: the same stories,
/// passages and vectors (from the index's embedding cache), so nothing is parsed or embedded again. A document the
/// target already holds with the same content hash is skipped, so an interrupted migration resumes where it stopped.
/// </summary>
public sealed class IndexMigration(SqliteNewsIndex source, INewsIndex target)
{
    public async Task<MigrationReport> RunAsync(IProgress<MigrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var model = (await source.GetEmbeddingVersionAsync(cancellationToken)).Model;
        var paths = await source.GetDocumentPathsAsync(cancellationToken);
        var report = new MigrationReport { Documents = paths.Count };
        for (var i = 0; i < paths.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new MigrationProgress(i, paths.Count, paths[i]));
            if (await source.ExportDocumentAsync(paths[i], cancellationToken) is not { } exported) continue;  // removed meanwhile
            if (await target.GetDocumentHashAsync(exported.Document.Path, cancellationToken) == exported.Document.ContentHash)
            {
                report = report with { AlreadyThere = report.AlreadyThere + 1 };
                continue;
            }
            var vectors = exported.Stories.Sum(s => s.Passages.Sum(p => p.Vectors.Count));
            await target.ReplaceDocumentAsync(exported.Document, exported.Stories, vectors > 0 ? model : null, cancellationToken);
            report = report with
            {
                Copied = report.Copied + 1,
                Stories = report.Stories + exported.Stories.Count,
                Passages = report.Passages + exported.Stories.Sum(s => s.Passages.Count),
                Vectors = report.Vectors + vectors,
            };
        }
        progress?.Report(new MigrationProgress(paths.Count, paths.Count, null));
        return report with { Elapsed = clock.Elapsed };
    }
}

public sealed record MigrationProgress(int Done, int Total, string? Current);

/// <summary>Documents in the source; copied; skipped because the target already held them; what the copied ones carried.</summary>
public sealed record MigrationReport
{
    public int Documents { get; init; }
    public int Copied { get; init; }
    public int AlreadyThere { get; init; }
    public int Stories { get; init; }
    public int Passages { get; init; }
    public int Vectors { get; init; }
    public TimeSpan Elapsed { get; init; }
}
