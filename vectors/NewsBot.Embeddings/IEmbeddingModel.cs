using Microsoft.Extensions.AI;

namespace NewsBot.Embeddings;

/// <summary>
/// An embedding generator that also says which token ids it feeds its network, so tools can check a tokenizer
/// against a reference (<c>./newsbot embed --jsonl</c>) and the index can record which model made its vectors.
/// </summary>
public interface IEmbeddingModel : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The catalog id (for example <c>use-lite</c>); an index built with one model refuses another.</summary>
    string Id { get; }

    int Dimensions { get; }

    /// <summary>The token ids of <paramref name="text"/> (with any prefix and special tokens), before the model truncates them to its window.</summary>
    IReadOnlyList<int> Tokenize(string text, EmbeddingGenerationOptions? options = null);
}
