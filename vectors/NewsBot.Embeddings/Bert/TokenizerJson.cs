using System.Text.Json;

namespace NewsBot.Embeddings.Bert;

/// <summary>
/// Reads the parts of a Hugging Face tokenizer.json that a BERT WordPiece tokenizer has: the WordPiece model
/// (vocab, unk_token, continuing_subword_prefix, max_input_chars_per_word), the BertNormalizer options and the
/// [CLS]/[SEP]/[PAD] tokens. Anything else is refused rather than silently tokenized differently.
/// </summary>
internal static class TokenizerJson
{
    public static WordPieceTokenizer Read(Stream json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
        var root = document.RootElement;

        if (!root.TryGetProperty("model", out var model) || Text(model, "type") is not ("WordPiece" or null))
            throw new NotSupportedException($"tokenizer.json has a '{(model.ValueKind == JsonValueKind.Object ? Text(model, "type") : "missing")}' model; only WordPiece (BERT) tokenizers are supported.");
        if (!model.TryGetProperty("vocab", out var vocabJson) || vocabJson.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException("tokenizer.json has no model.vocab map.");

        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in vocabJson.EnumerateObject()) vocab[entry.Name] = entry.Value.GetInt32();

        var special = new SpecialTokens(
            Unknown: Text(model, "unk_token") ?? SpecialTokens.Bert.Unknown,
            Cls: PostProcessorToken(root, "cls") ?? SpecialTokens.Bert.Cls,
            Sep: PostProcessorToken(root, "sep") ?? SpecialTokens.Bert.Sep,
            Pad: root.TryGetProperty("padding", out var padding) && padding.ValueKind == JsonValueKind.Object
                ? Text(padding, "pad_token") ?? SpecialTokens.Bert.Pad
                : SpecialTokens.Bert.Pad);

        return new WordPieceTokenizer(
            new WordPieceVocabulary(vocab, special),
            Normalization(root),
            model.TryGetProperty("max_input_chars_per_word", out var maxChars) && maxChars.ValueKind == JsonValueKind.Number
                ? maxChars.GetInt32() : WordPieceTokenizer.DefaultMaxInputCharsPerWord,
            Text(model, "continuing_subword_prefix") ?? WordPieceTokenizer.DefaultContinuingSubwordPrefix);
    }

    private static BertNormalization Normalization(JsonElement root)
    {
        if (!root.TryGetProperty("normalizer", out var normalizer) || normalizer.ValueKind == JsonValueKind.Null)
            return new BertNormalization(Lowercase: false, StripAccents: false, HandleChineseChars: false, CleanText: false);
        if (Text(normalizer, "type") != "BertNormalizer")
            throw new NotSupportedException($"tokenizer.json has a '{Text(normalizer, "type")}' normalizer; only BertNormalizer is supported.");
        return new BertNormalization(
            Lowercase: Flag(normalizer, "lowercase") ?? true,
            StripAccents: Flag(normalizer, "strip_accents"),
            HandleChineseChars: Flag(normalizer, "handle_chinese_chars") ?? true,
            CleanText: Flag(normalizer, "clean_text") ?? true);
    }

    /// <summary>The cls/sep token of a BertProcessing post-processor (["[CLS]", 101]); TemplateProcessing ones use the defaults.</summary>
    private static string? PostProcessorToken(JsonElement root, string name) =>
        root.TryGetProperty("post_processor", out var processor) && processor.ValueKind == JsonValueKind.Object
        && processor.TryGetProperty(name, out var pair) && pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() > 0
            ? pair[0].GetString()
            : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
}
