using System.Diagnostics;
using System.Security.Cryptography;
using NewsBot.Index;
using NewsBot.Index.Embeddings;
using NewsBot.Ingestion.Embedding;
using NewsBot.Ingestion.Passages;
using NewsBot.Ingestion.Readers;

namespace NewsBot.Ingestion.Pipeline;

/// <summary>
/// Ingests files and folders into an index, one document at a time, each in its own atomic step:
/// unchanged documents (same content hash) are skipped, changed ones replace what they contributed, and a file that
/// cannot be read is reported with its reason and skipped while the rest goes on.
/// With an <see cref="PassageEmbedder"/>, passages get vectors in the same step, and stored passages still without
/// vectors (ingested before a model was configured, or left by an interrupted re-embed) get them after the files.
/// Without one the index stays lexical only.
/// </summary>
public sealed class IngestPipeline(INewsIndex index, ReaderSelector readers, StoryBuilder stories, IngestionOptions options, PassageEmbedder? embedder = null)
{
    /// <summary>Stored passages embedded per transaction when filling in vectors: an interruption loses at most one batch.</summary>
    private const int StoredPassageBatch = 256;

    /// <summary>
    /// Part of every content hash, so that documents are parsed again when the way they are parsed changes.
    /// Bump it with any change to readers, repair or passage splitting.
    /// </summary>
    public const string PipelineVersion = "1";

    /// <summary>The standard pipeline: every reader NewsBot has, passages sized by <paramref name="options"/>.</summary>
    public static IngestPipeline Create(INewsIndex index, IngestionOptions options, PassageEmbedder? embedder = null) => new(
        index,
        new ReaderSelector([new DigestReader(), new NewsletterReader(), new TranscriptReader()]),
        new StoryBuilder(new PassageSplitter(new PassageSizes(options.PassageMinWords, options.PassageTargetWords, options.PassageMaxWords))),
        options,
        embedder);

    /// <summary>
    /// Ingests <paramref name="paths"/>. With an embedder whose model is not the index's, throws
    /// <see cref="EmbeddingModelMismatchException"/> before anything is written; <see cref="ReembedAsync"/> is the way to switch.
    /// </summary>
    public Task<IngestReport> IngestAsync(IEnumerable<string> paths, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(paths, reembed: false, progress, cancellationToken);

    /// <summary>
    /// Makes the embedder's model (and the configured targets) the index's: every stored passage's vectors are dropped and
    /// made again, from the cache where it has them, then <paramref name="paths"/> are ingested as by <see cref="IngestAsync"/>.
    /// Resumable: an interrupted re-embed is finished by the next ingest.
    /// </summary>
    public Task<IngestReport> ReembedAsync(IEnumerable<string> paths, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default) =>
        embedder is null
            ? throw new InvalidOperationException("Re-embedding needs an embedding model, and none is configured.")
            : RunAsync(paths, reembed: true, progress, cancellationToken);

    private async Task<IngestReport> RunAsync(IEnumerable<string> paths, bool reembed, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var model = embedder is null ? null : await PrepareEmbeddingsAsync(reembed, cancellationToken);
        var (files, missing) = DocumentFiles.Expand(paths, options.FolderExtensions);
        var results = new List<DocumentResult>(missing.Select(m => DocumentResult.Failed(m, "no such file or folder")));
        var embedded = 0;
        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = new IngestProgress(i, files.Count, files[i]) { TextsEmbedded = embedded };
            progress?.Report(current);
            var result = await IngestFileAsync(files[i], n => progress?.Report(current with { TextsEmbedded = embedded + n }), cancellationToken);
            embedded += result.TextsEmbedded;
            results.Add(result);
        }
        var storedEmbedded = 0;
        if (model is not null)
        {
            var (passages, texts, failure) = await EmbedStoredPassagesAsync(model, files.Count, embedded, progress, cancellationToken);
            (storedEmbedded, embedded) = (passages, embedded + texts);
            if (failure is not null) results.Add(failure);
        }
        if (storedEmbedded > 0 || results.Any(r => r.Status is DocumentStatus.Added or DocumentStatus.Updated))
            await index.OptimizeAsync(cancellationToken);
        progress?.Report(new IngestProgress(files.Count, files.Count, null) { TextsEmbedded = embedded });
        return new IngestReport(results, clock.Elapsed) { TextsEmbedded = embedded, StoredPassagesEmbedded = storedEmbedded };
    }

    /// <summary>Refuses a model other than the index's, or (re-embedding) makes the embedder's model the index's.</summary>
    private async Task<EmbeddingModelInfo> PrepareEmbeddingsAsync(bool reembed, CancellationToken cancellationToken)
    {
        var model = await embedder!.GetModelAsync(cancellationToken);
        var state = await index.GetEmbeddingStateAsync(cancellationToken);
        if (reembed)
            await index.ResetEmbeddingsAsync(model, cancellationToken);
        else if (state.Model is { } stored && !stored.Equals(model))
            throw EmbeddingModelMismatchException.Between(stored, model, state.Location, state.ResizeAdvice);
        return model;
    }

    /// <summary>
    /// Gives vectors to stored passages that have none, a batch per transaction. A model failure is reported as a
    /// failed entry, like an unreadable file: what was embedded so far stays, and the next ingest goes on from there.
    /// </summary>
    private async Task<(int Passages, int Texts, DocumentResult? Failure)> EmbedStoredPassagesAsync(EmbeddingModelInfo model, int files, int embeddedBefore,
        IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var total = (await index.GetEmbeddingStateAsync(cancellationToken)).PassagesWithoutVectors;
        var (passages, texts) = (0, 0);
        try
        {
            while (passages < total)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = await index.GetPassagesWithoutVectorsAsync(StoredPassageBatch, cancellationToken);
                if (batch.Count == 0) break;
                var current = new IngestProgress(files, files, null) { TextsEmbedded = embeddedBefore + texts, StoredPassagesEmbedded = passages, StoredPassagesToEmbed = total };
                progress?.Report(current);
                var (vectors, count) = await embedder!.EmbedAsync(batch, n => progress?.Report(current with { TextsEmbedded = embeddedBefore + texts + n }), cancellationToken);
                await index.WritePassageVectorsAsync(model, vectors, cancellationToken);
                passages += batch.Count;
                texts += count;
            }
        }
        catch (Exception e) when (IsEmbeddingFailure(e))
        {
            return (passages, texts, DocumentResult.Failed("(passages already in the index)", "embedding failed: " + e.Message));
        }
        return (passages, texts, null);
    }

    public Task<DocumentResult> IngestFileAsync(string path, CancellationToken cancellationToken = default) => IngestFileAsync(path, null, cancellationToken);

    /// <param name="embedded">Hears, during a long embedding, how many of the document's texts have been embedded so far.</param>
    public async Task<DocumentResult> IngestFileAsync(string path, Action<int>? embedded, CancellationToken cancellationToken = default)
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
            EmbeddingModelInfo? model = null;
            var textsEmbedded = 0;
            if (embedder is not null)
            {
                try
                {
                    model = await embedder.GetModelAsync(cancellationToken);
                    (records, textsEmbedded) = await embedder.EmbedAsync(records, embedded, cancellationToken);
                }
                catch (Exception e) when (IsEmbeddingFailure(e))
                {
                    return DocumentResult.Failed(path, "embedding failed: " + e.Message);
                }
            }
            await index.ReplaceDocumentAsync(document, records, model, cancellationToken);
            return new DocumentResult(path, known is null ? DocumentStatus.Added : DocumentStatus.Updated,
                records.Count, records.Sum(r => r.Passages.Count), bytes.Length, null, clock.Elapsed) { TextsEmbedded = textsEmbedded };
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

    /// <summary>Cancellation and a model mismatch stop the ingest; any other error of the model fails only what it was embedding.</summary>
    private static bool IsEmbeddingFailure(Exception e) => e is not (OperationCanceledException or EmbeddingModelMismatchException);
}

/// <summary>
/// Where an ingest is: <see cref="Done"/> of <see cref="Total"/> files, the one in progress (null once the files are
/// done), texts sent to the embedding model so far, and, after the files, stored passages given vectors.
/// </summary>
public sealed record IngestProgress(int Done, int Total, string? Current)
{
    public int TextsEmbedded { get; init; }
    public long StoredPassagesEmbedded { get; init; }
    public long StoredPassagesToEmbed { get; init; }
}

public enum DocumentStatus { Added, Updated, Unchanged, Failed }

public sealed record DocumentResult(string Path, DocumentStatus Status, int Stories, int Passages, long Bytes, string? Error, TimeSpan Elapsed)
{
    /// <summary>Texts of the document sent to the embedding model (those already in the cache not counted).</summary>
    public int TextsEmbedded { get; init; }

    public static DocumentResult Failed(string path, string reason) => new(path, DocumentStatus.Failed, 0, 0, 0, reason, TimeSpan.Zero);
}

public sealed record IngestReport(IReadOnlyList<DocumentResult> Documents, TimeSpan Elapsed)
{
    /// <summary>Texts sent to the embedding model, over all documents and stored passages.</summary>
    public int TextsEmbedded { get; init; }
    /// <summary>Passages already in the index that were given vectors (re-embed, or a model newly configured).</summary>
    public int StoredPassagesEmbedded { get; init; }

    public int Count(DocumentStatus status) => Documents.Count(d => d.Status == status);
    public int Stories => Documents.Sum(d => d.Stories);
    public int Passages => Documents.Sum(d => d.Passages);
    public long Bytes => Documents.Sum(d => d.Bytes);
    public IEnumerable<DocumentResult> Failures => Documents.Where(d => d.Status == DocumentStatus.Failed);
    public bool Succeeded => !Failures.Any();
}
