using NewsBot.Embeddings;
using NewsBot.Embeddings.UseLite;
using NewsBot.Onnx;

namespace NewsBot.Cli.Benchmarks;

/// <summary>One way to run NewsBot's USE-Lite: float or int8 weights, on a number of threads.</summary>
public sealed record UseLiteVariant(string Name, bool Quantized, int Threads, int BatchSize)
{
    /// <summary>Opens the variant from the configured model folder, converting the int8 model first if it is missing.</summary>
    public UseLiteEmbeddingGenerator Open(EmbeddingOptions options, TextWriter log)
    {
        OnnxRuntime.Initialize(new OnnxRuntimeOptions { LibraryPath = string.IsNullOrWhiteSpace(options.OnnxRuntimePath) ? null : options.OnnxRuntimePath });
        var files = UseLiteModelFiles.In(options.ResolveModelsPath(), options.ResolveAssetsPath());
        if (Quantized && files.IsBuilt && !files.IsQuantizedBuilt)
        {
            log.WriteLine($"bench: converting USE-Lite to int8 ({files.QuantizedOnnxPath})…");
            files.BuildQuantized();
        }
        return UseLiteEmbeddingGenerator.Open(files, new OnnxSessionOptions { IntraOpThreads = Threads }, BatchSize, Quantized);
    }
}
