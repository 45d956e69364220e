using NewsBot.Index.Embeddings;

namespace NewsBot.Ingestion;

/// <summary>Configuration section <c>Ingestion</c>.</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>File name endings read when a folder is ingested (files named explicitly are always read).</summary>
    // Empty by default: the configuration binder appends to arrays, so a default here could never be replaced.
    public string[] Extensions { get; set; } = [];
    public IReadOnlyList<string> FolderExtensions => Extensions.Length > 0 ? Extensions : [".md", ".markdown", ".txt"];
    public int PassageMinWords { get; set; } = 60;
    public int PassageTargetWords { get; set; } = 140;
    public int PassageMaxWords { get; set; } = 200;
    /// <summary>Files larger than this are reported and skipped rather than read into memory.</summary>
    public int MaxFileMegabytes { get; set; } = 20;

    /// <summary>Which texts of each passage are embedded when an embedding model is configured ("Title, Sentences").</summary>
    /// <remarks>Changing it affects documents ingested afterwards; <c>ingest --reembed</c> applies it to the whole index.</remarks>
    public EmbeddingTargets EmbeddingTargets { get; set; } = EmbeddingTargets.Default;
    /// <summary>Texts per call to the embedding model.</summary>
    public int EmbeddingBatchSize { get; set; } = 64;
    /// <summary>Sentences of fewer words are not embedded on their own ("Read more.", "Image: Meta.").</summary>
    public int EmbeddingMinSentenceWords { get; set; } = 3;

    public IEnumerable<string> Validate()
    {
        if (Extensions.Any(e => e is null || !e.StartsWith('.')))
            yield return "Ingestion:Extensions must list file endings that start with '.', such as \".md\".";
        if (PassageMinWords < 1)
            yield return $"Ingestion:PassageMinWords must be at least 1 (it is {PassageMinWords}).";
        if (PassageTargetWords < PassageMinWords)
            yield return $"Ingestion:PassageTargetWords ({PassageTargetWords}) must not be below Ingestion:PassageMinWords ({PassageMinWords}).";
        if (PassageMaxWords < PassageTargetWords)
            yield return $"Ingestion:PassageMaxWords ({PassageMaxWords}) must not be below Ingestion:PassageTargetWords ({PassageTargetWords}).";
        if (EmbeddingTargets == EmbeddingTargets.None || (EmbeddingTargets & ~(EmbeddingTargets.Title | EmbeddingTargets.Sentences | EmbeddingTargets.Passage)) != 0)
            yield return $"Ingestion:EmbeddingTargets must name one or more of Title, Sentences, Passage (it is {EmbeddingTargets}).";
        if (EmbeddingBatchSize is < 1 or > 4096)
            yield return $"Ingestion:EmbeddingBatchSize must be between 1 and 4096 (it is {EmbeddingBatchSize}).";
        if (EmbeddingMinSentenceWords < 1)
            yield return $"Ingestion:EmbeddingMinSentenceWords must be at least 1 (it is {EmbeddingMinSentenceWords}).";
        if (MaxFileMegabytes is < 1 or > 1024)
            yield return $"Ingestion:MaxFileMegabytes must be between 1 and 1024 (it is {MaxFileMegabytes}).";
    }
}
