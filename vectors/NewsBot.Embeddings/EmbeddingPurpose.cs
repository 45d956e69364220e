using Microsoft.Extensions.AI;

namespace NewsBot.Embeddings;

/// <summary>
/// Says whether a text is a search query or a passage to be found, for models that embed the two differently
/// (E5's "query: " / "passage: ", BGE's query instruction). Generators read it from
/// <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>; a text without it is a passage.
/// </summary>
public static class EmbeddingPurpose
{
    public const string Key = "newsbot.purpose";
    public const string Query = "query";
    public const string Passage = "passage";

    public static EmbeddingGenerationOptions ForQuery() => With(Query);

    public static EmbeddingGenerationOptions ForPassage() => With(Passage);

    /// <summary>True when <paramref name="options"/> mark the texts as queries; an unknown purpose is an error, not a guess.</summary>
    public static bool IsQuery(EmbeddingGenerationOptions? options)
    {
        if (options?.AdditionalProperties?.TryGetValue(Key, out var value) != true || value is null) return false;
        return value.ToString() switch
        {
            var s when string.Equals(s, Query, StringComparison.OrdinalIgnoreCase) => true,
            var s when string.Equals(s, Passage, StringComparison.OrdinalIgnoreCase) => false,
            var s => throw new ArgumentException($"Unknown embedding purpose '{s}'; use EmbeddingPurpose.Query or EmbeddingPurpose.Passage.", nameof(options)),
        };
    }

    private static EmbeddingGenerationOptions With(string purpose) =>
        new() { AdditionalProperties = new AdditionalPropertiesDictionary { [Key] = purpose } };
}
