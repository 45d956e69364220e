using NewsBot.Embeddings.UseLite;
using NewsBot.Onnx;

namespace NewsBot.Embeddings;

/// <summary>Opens the embedding model the configuration names, on the ONNX Runtime it names.</summary>
public static class EmbeddingModels
{
    /// <summary>The model of <paramref name="options"/>, or null when embeddings are off (<c>Model: none</c>).</summary>
    public static IEmbeddingModel? Open(EmbeddingOptions options)
    {
        if (!options.Enabled) return null;
        OnnxRuntime.Initialize(new OnnxRuntimeOptions { LibraryPath = string.IsNullOrWhiteSpace(options.OnnxRuntimePath) ? null : options.OnnxRuntimePath });
        var sessionOptions = new OnnxSessionOptions { IntraOpThreads = options.IntraOpThreads };
        var modelsPath = options.ResolveModelsPath();
        switch (options.Model.ToLowerInvariant())
        {
            case UseLiteModelFiles.Id:
                var files = UseLiteModelFiles.In(modelsPath, options.ResolveAssetsPath());
                if (!files.IsBuilt)
                    throw new EmbeddingModelUnavailableException(
                        $"The USE-Lite model is not built in {files.ModelFolder}. Run ./newsbot setup (or ./newsbot models install use-lite).");
                var quantized = options.Precision == EmbeddingPrecision.Int8;
                // The int8 model is converted from the same npm weights on first use (a few seconds), then cached.
                if (quantized && !files.IsQuantizedBuilt) files.BuildQuantized();
                return UseLiteEmbeddingGenerator.Open(files, sessionOptions, options.BatchSize, quantized);
            default:
                if (Models.ModelCatalog.Find(options.Model) is { Profile: { } profile } entry)
                {
                    var folder = Models.ModelCatalog.InstallFolder(modelsPath, entry);
                    if (!entry.IsInstalledIn(folder))
                        throw new EmbeddingModelUnavailableException(
                            $"The model '{entry.Id}' is not installed in {folder}. Run ./newsbot models install {entry.Id} (needs internet access to Hugging Face).");
                    return Bert.BertEmbeddingGenerator.FromFolder(folder, profile, sessionOptions, options.BatchSize);
                }
                throw new EmbeddingModelUnavailableException(
                    $"Unknown embedding model '{options.Model}'. Run ./newsbot models list for the models NewsBot knows, or set Embeddings:Model to \"none\".");
        }
    }
}

/// <summary>The configured model cannot be opened; the message says how to get it.</summary>
public sealed class EmbeddingModelUnavailableException(string message) : Exception(message);
