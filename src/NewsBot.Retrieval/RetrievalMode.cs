namespace NewsBot.Retrieval;

/// <summary>Which arms rank the stories: keywords (BM25), meaning (embeddings), or both fused.</summary>
public enum RetrievalMode
{
    Lexical,
    Dense,
    Hybrid,
}
