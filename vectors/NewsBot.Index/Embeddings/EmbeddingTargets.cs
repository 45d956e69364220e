namespace NewsBot.Index.Embeddings;

/// <summary>Which texts of a passage are embedded. Each chosen text becomes one row of the dense index.</summary>
[Flags]
public enum EmbeddingTargets
{
    None = 0,
    /// <summary>The story's title, once per story, attached to its first passage.</summary>
    Title = 1,
    /// <summary>Each sentence of the passage long enough to mean something on its own.</summary>
    Sentences = 2,
    /// <summary>The passage's whole text.</summary>
    Passage = 4,
    Default = Title | Sentences,
}

/// <summary>What one embedded text of a passage is; stored as the <c>kind</c> of its vector.</summary>
public enum EmbeddedTextKind
{
    Title = 0,
    Sentence = 1,
    Passage = 2,
}
