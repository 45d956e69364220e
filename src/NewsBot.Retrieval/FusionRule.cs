namespace NewsBot.Retrieval;

/// <summary>How hybrid retrieval fuses keyword and meaning evidence (README, "Hybrid retrieval").</summary>
public enum FusionRule
{
    /// <summary>Coverage + keyword score + similarity weighted by how well keywords did: NewsBot's measured rule.</summary>
    Coverage,
    /// <summary>Reciprocal rank fusion of the two rankings, as Qdrant computes it (server-side with a Qdrant store).</summary>
    Rrf,
}
