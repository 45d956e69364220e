namespace NewsBot.Index.Embeddings;

/// <summary>
/// One embedded text of a passage: its place among the passage's texts (<see cref="Item"/>), what it is, the
/// SHA-256 of the text (the cache key, with the model id) and the vector.
/// </summary>
public sealed record PassageVector(int Item, EmbeddedTextKind Kind, string TextHash, ReadOnlyMemory<float> Vector);

/// <summary>
/// The vectors of one stored passage, addressed by the store's own <see cref="PassageKey"/>: what re-embedding writes
/// for passages already in the index.
/// </summary>
public sealed record StoredPassageVectors(long PassageKey, IReadOnlyList<PassageVector> Vectors);

/// <summary>A stored passage that has no vectors yet, with what embedding it needs: its story's title and its text.</summary>
public sealed record StoredPassage(long PassageKey, int Ordinal, string StoryTitle, string Text);

/// <summary>Which model the index's vectors come from, at which write generation, in which store.</summary>
public sealed record EmbeddingVersion(EmbeddingModelInfo? Model, long Generation, string Location)
{
    /// <summary>What to do for a model of another size, when the store cannot re-embed into one (null: it can).</summary>
    public string? ResizeAdvice { get; init; }
}

/// <summary>The model an index's vectors come from (null: none yet), how complete they are, and the index's write generation.</summary>
public sealed record EmbeddingState(EmbeddingModelInfo? Model, long PassagesWithoutVectors, long Generation, string Location)
{
    /// <inheritdoc cref="EmbeddingVersion.ResizeAdvice"/>
    public string? ResizeAdvice { get; init; }
}
