using System.Diagnostics;
using System.Security.Cryptography;
using NewsBot.Index;
using NewsBot.Ingestion.Passages;
using NewsBot.Ingestion.Readers;

namespace NewsBot.Ingestion.Pipeline;

/// <summary>
/// Ingests files and folders into an index, one document at a time, each in its own atomic step:
/// unchanged documents (same content hash) are skipped, changed ones replace what they contributed, and a file that
/// cannot be read is reported with its reason and skipped while the rest goes on.
/// </summary>
public sealed class IngestPipeline(INewsIndex index, ReaderSelector readers, StoryBuilder stories, IngestionOptions options)
{
    /// <summary>
    /// Part of every content hash, so that documents are parsed again when the way they are parsed changes.
    /// Bump it with any change to readers, repair or passage splitting.
    /// </summary>
    public const string PipelineVersion = "1";

    /// <summary>The standard pipeline: every reader NewsBot has, passages sized by <paramref name="options"/>.</summary>
    public static IngestPipeline Create(INewsIndex index, IngestionOptions options) => new(
        index,
        new ReaderSelector([new DigestReader(), new NewsletterReader(), new TranscriptReader()]),
        new StoryBuilder(new PassageSplitter(new PassageSizes(options.PassageMinWords, options.PassageTargetWords, options.PassageMaxWords))),
        options);

    public async Task<IngestReport> IngestAsync(IEnumerable<string> paths, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var (files, missing) = DocumentFiles.Expand(paths, options.FolderExtensions);
        var results = new List<DocumentResult>(missing.Select(m => DocumentResult.Failed(m, "no such file or folder")));
        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new IngestProgress(i, files.Count, files[i]));
            results.Add(await IngestFileAsync(files[i], cancellationToken));
        }
        if (results.Any(r => r.Status is DocumentStatus.Added or DocumentStatus.Updated))
            await index.OptimizeAsync(cancellationToken);
        progress?.Report(new IngestProgress(files.Count, files.Count, null));
        return new IngestReport(results, clock.Elapsed);
    }

    public async Task<DocumentResult> IngestFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var info = new FileInfo(path);
            if (info.Length > options.MaxFileMegabytes * 1024L * 1024L)
                return DocumentResult.Failed(path, $"larger than Ingestion:MaxFileMegabytes ({options.MaxFileMegabytes} MB)");
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes)) + "/" + PipelineVersion;
            var known = await index.GetDocumentHashAsync(path, cancellationToken);
            if (known == hash) return new DocumentResult(path, DocumentStatus.Unchanged, 0, 0, bytes.Length, null, clock.Elapsed);

            var source = DocumentDecoder.Decode(path, bytes);
            var parsed = readers.Select(source).Read(source);
            if (parsed.Stories.Count == 0) throw new DocumentFormatException("no stories found in it");
            var records = stories.Build(parsed);
            var document = new DocumentRecord
            {
                Path = path,
                ContentHash = hash,
                Title = parsed.Title,
                Publication = parsed.Publication,
                Kind = parsed.Kind,
                Date = parsed.Date,
                Url = parsed.Url,
                IssueNumber = parsed.IssueNumber,
            };
            await index.ReplaceDocumentAsync(document, records, cancellationToken);
            return new DocumentResult(path, known is null ? DocumentStatus.Added : DocumentStatus.Updated,
                records.Count, records.Sum(r => r.Passages.Count), bytes.Length, null, clock.Elapsed);
        }
        catch (DocumentFormatException e)
        {
            return DocumentResult.Failed(path, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DocumentResult.Failed(path, "could not be read: " + e.Message);
        }
    }
}

public sealed record IngestProgress(int Done, int Total, string? Current);

public enum DocumentStatus { Added, Updated, Unchanged, Failed }

public sealed record DocumentResult(string Path, DocumentStatus Status, int Stories, int Passages, long Bytes, string? Error, TimeSpan Elapsed)
{
    public static DocumentResult Failed(string path, string reason) => new(path, DocumentStatus.Failed, 0, 0, 0, reason, TimeSpan.Zero);
}

public sealed record IngestReport(IReadOnlyList<DocumentResult> Documents, TimeSpan Elapsed)
{
    public int Count(DocumentStatus status) => Documents.Count(d => d.Status == status);
    public int Stories => Documents.Sum(d => d.Stories);
    public int Passages => Documents.Sum(d => d.Passages);
    public long Bytes => Documents.Sum(d => d.Bytes);
    public IEnumerable<DocumentResult> Failures => Documents.Where(d => d.Status == DocumentStatus.Failed);
    public bool Succeeded => !Failures.Any();
}
