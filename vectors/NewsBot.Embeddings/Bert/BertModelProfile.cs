namespace NewsBot.Embeddings.Bert;

/// <summary>How a BERT-family sentence embedding model turns token vectors into one text vector.</summary>
public enum BertPooling
{
    /// <summary>Average of the token vectors under the attention mask (sentence-transformers' default; MiniLM, E5).</summary>
    Mean,

    /// <summary>The vector of the [CLS] token (BGE).</summary>
    Cls,
}

/// <summary>
/// What a sentence-transformers style model needs besides its ONNX graph and tokenizer: its output size, pooling,
/// normalization, the prefixes it was trained with for queries and passages, and its longest input.
/// </summary>
/// <param name="Id">The catalog id, reported as the embeddings' model id.</param>
/// <param name="Dimensions">The length of an embedding (the hidden size).</param>
/// <param name="Pooling">How token vectors become one vector.</param>
/// <param name="Normalize">L2-normalize embeddings, so that a dot product is the cosine similarity.</param>
/// <param name="QueryPrefix">Prepended to queries before tokenizing.</param>
/// <param name="PassagePrefix">Prepended to passages before tokenizing.</param>
/// <param name="MaxTokens">The longest input in tokens, [CLS] and [SEP] included; longer texts are cut.</param>
public sealed record BertModelProfile(
    string Id,
    int Dimensions,
    BertPooling Pooling,
    bool Normalize = true,
    string QueryPrefix = "",
    string PassagePrefix = "",
    int MaxTokens = 512)
{
    public string PrefixFor(bool isQuery) => isQuery ? QueryPrefix : PassagePrefix;
}
