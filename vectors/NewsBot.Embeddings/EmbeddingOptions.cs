namespace NewsBot.Embeddings;

/// <summary>Configuration section <c>Embeddings</c>: which model embeds passages and queries, and where it lives.</summary>
public sealed class EmbeddingOptions
{
    public const string Section = "Embeddings";
    public const string None = "none";

    /// <summary>A catalog id (<c>use-lite</c>, the default; <c>all-minilm-l6-v2</c>, …) or <c>none</c> for keyword search only.</summary>
    public string Model { get; set; } = "use-lite";

    /// <summary>The folder <c>./newsbot setup</c> installs npm assets into; found above the program when empty.</summary>
    public string? AssetsPath { get; set; }

    /// <summary>Where converted and downloaded models are cached; <c>&lt;assets&gt;/models</c> when empty.</summary>
    public string? ModelsPath { get; set; }

    /// <summary>The ONNX Runtime library; probed (NEWSBOT_ONNXRUNTIME, then the assets folder) when empty.</summary>
    public string? OnnxRuntimePath { get; set; }

    /// <summary>Threads one inference may use.</summary>
    public int IntraOpThreads { get; set; } = 2;

    /// <summary>
    /// <c>Float</c> (default, matches the TF.js original to cosine 0.999999) or <c>Int8</c>: USE-Lite with int8
    /// weights, about 3× the throughput for vectors within cosine 0.995 of the original (./newsbot bench embeddings).
    /// The vectors are close enough that an index embedded with one serves queries embedded with the other.
    /// </summary>
    public EmbeddingPrecision Precision { get; set; } = EmbeddingPrecision.Float;

    /// <summary>Texts per inference while ingesting.</summary>
    public int BatchSize { get; set; } = 16;

    public bool Enabled => !string.Equals(Model, None, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Model)) yield return "Embeddings:Model must name a model (\"use-lite\") or be \"none\".";
        if (IntraOpThreads is < 1 or > 64) yield return $"Embeddings:IntraOpThreads must be between 1 and 64 (it is {IntraOpThreads}).";
        if (!Enum.IsDefined(Precision)) yield return $"Embeddings:Precision must be Float or Int8 (it is {Precision}).";
        if (Precision == EmbeddingPrecision.Int8 && !string.Equals(Model, UseLite.UseLiteModelFiles.Id, StringComparison.OrdinalIgnoreCase))
            yield return $"Embeddings:Precision Int8 is available for use-lite only; set it to Float for {Model}.";
        if (BatchSize is < 1 or > 1024) yield return $"Embeddings:BatchSize must be between 1 and 1024 (it is {BatchSize}).";
        if (OnnxRuntimePath is { Length: > 0 } path && !File.Exists(path))
            yield return $"Embeddings:OnnxRuntimePath \"{path}\" does not exist. Point it at libonnxruntime.so.1 (ONNX Runtime 1.30+), or remove it to use the one ./newsbot setup installs.";
    }

    /// <summary>The assets folder: configured, or the <c>vectors/assets</c> of the checkout the program runs from.</summary>
    public string ResolveAssetsPath() => Models.ModelsFolder.LocateAssets(AssetsPath);

    public string ResolveModelsPath() =>
        !string.IsNullOrWhiteSpace(ModelsPath) ? Path.GetFullPath(ModelsPath) : Path.Combine(ResolveAssetsPath(), "models");
}

/// <summary>The number format of an embedding model's weights.</summary>
public enum EmbeddingPrecision
{
    Float,
    Int8,
}
