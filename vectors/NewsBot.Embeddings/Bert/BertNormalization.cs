namespace NewsBot.Embeddings.Bert;

/// <summary>
/// How BERT's basic tokenizer cleans text before splitting it: the options of Hugging Face's <c>BertNormalizer</c>
/// (and of the original <c>BasicTokenizer</c>).
/// </summary>
/// <param name="Lowercase">Lower-case every word (the "uncased" models).</param>
/// <param name="StripAccents">Remove combining marks after NFD; <see langword="null"/> follows <paramref name="Lowercase"/>, as in BERT.</param>
/// <param name="HandleChineseChars">Make every CJK ideograph a word of its own.</param>
/// <param name="CleanText">Drop control characters and U+FFFD, and turn every kind of whitespace into a space.</param>
public sealed record BertNormalization(bool Lowercase = true, bool? StripAccents = null, bool HandleChineseChars = true, bool CleanText = true)
{
    /// <summary>bert-base-uncased and the sentence-transformers models built on it.</summary>
    public static BertNormalization Uncased { get; } = new();

    /// <summary>Cased models: no lower-casing, accents kept.</summary>
    public static BertNormalization Cased { get; } = new(Lowercase: false);

    public bool StripsAccents => StripAccents ?? Lowercase;
}
