using NewsBot.Embeddings;
using NewsBot.Onnx;

namespace NewsBot.Cli.Hosting;

/// <summary>Opens the configured embedding model, turning the ways that can fail into one message that says what to do.</summary>
public static class EmbeddingModelOpener
{
    public static IEmbeddingModel? OpenOrReport(EmbeddingOptions options)
    {
        try
        {
            return EmbeddingModels.Open(options);
        }
        catch (Exception e) when (e is EmbeddingModelUnavailableException or OnnxRuntimeNotFoundException or OnnxRuntimeException or FileNotFoundException or InvalidDataException)
        {
            Console.Error.WriteLine("newsbot: cannot open the embedding model: " + e.Message);
            return null;
        }
    }
}
