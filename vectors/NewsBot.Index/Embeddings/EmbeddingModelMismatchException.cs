namespace NewsBot.Index.Embeddings;

/// <summary>
/// The index holds vectors of one model and was asked to use another. Vectors of two models are not comparable, so
/// nothing is written; the message says how to re-embed (or, where the store cannot, what to do instead).
/// </summary>
public sealed class EmbeddingModelMismatchException : InvalidOperationException
{
    public EmbeddingModelMismatchException(EmbeddingModelInfo stored, EmbeddingModelInfo requested, string location, string? fix = null)
        : base($"This index was embedded with '{stored.Id}' ({stored.Dimensions} dimensions); the configuration asks for " +
               $"'{requested.Id}' ({requested.Dimensions}). " + (fix ?? $"Re-embed with: ./newsbot ingest --reembed <folders> (or delete {location})."))
    {
        Stored = stored;
        Requested = requested;
        Location = location;
    }

    /// <summary>The mismatch, with <paramref name="resizeAdvice"/> as the fix when the sizes differ (a store that cannot change its vectors' size).</summary>
    public static EmbeddingModelMismatchException Between(EmbeddingModelInfo stored, EmbeddingModelInfo requested, string location, string? resizeAdvice) =>
        new(stored, requested, location, stored.Dimensions != requested.Dimensions ? resizeAdvice : null);

    public EmbeddingModelInfo Stored { get; }
    public EmbeddingModelInfo Requested { get; }
    public string Location { get; }
}
