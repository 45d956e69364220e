using NewsBot.Index.Dense;

namespace NewsBot.Retrieval;

/// <summary>Configuration section <c>Retrieval</c>.</summary>
public sealed class RetrievalOptions
{
    public const string Section = "Retrieval";

    /// <summary>Passages fetched from the keyword index before they are grouped per story.</summary>
    public int CandidatePassages { get; set; } = 80;
    /// <summary>Score multiplier for stories of the kind the question asks about ("on the podcast" → transcripts).</summary>
    public double KindHintBoost { get; set; } = 1.5;
    /// <summary>
    /// Score multiplier for a story's first passage: news is written lead first, so when passages of one story match
    /// about equally, the lead is the one that stands for the story.
    /// </summary>
    public double LeadPassageBoost { get; set; } = 1.15;

    /// <summary>Which arms rank stories when an embedding model is configured (without one, keywords only).</summary>
    public RetrievalMode Mode { get; set; } = RetrievalMode.Hybrid;
    /// <summary>Passages the keyword arm contributes to hybrid fusion.</summary>
    public int HybridLexicalCandidates { get; set; } = 200;
    /// <summary>Stories the meaning arm contributes (nearest by embedding).</summary>
    public int DenseCandidates { get; set; } = 30;
    /// <summary>Weight of a story's BM25 score (relative to the best) in fusion; mostly breaks ties of coverage.</summary>
    public double KeywordScoreWeight { get; set; } = 0.25;
    /// <summary>Weight of embedding similarity in fusion when the keywords already cover the question.</summary>
    public double DenseWeight { get; set; } = 2.5;
    /// <summary>Extra weight of similarity as keyword coverage falls: the full amount when no keyword matches.</summary>
    public double DenseWeightWhenKeywordsMiss { get; set; } = 4.0;
    /// <summary>
    /// Int8 scans the vectors as int8 (a quarter of the memory traffic) and re-scores the best stories exactly;
    /// Exact scans the float vectors.
    /// </summary>
    public DensePrecision DensePrecision { get; set; } = DensePrecision.Int8;
    /// <summary>
    /// How hybrid retrieval combines the arms: <see cref="FusionRule.Coverage"/> (NewsBot's measured rule, computed in
    /// NewsBot over either store's candidates) or <see cref="FusionRule.Rrf"/> (reciprocal rank fusion, which a Qdrant
    /// store runs server-side in one request).
    /// </summary>
    public FusionRule Fusion { get; set; } = FusionRule.Coverage;
    /// <summary>How many top keyword stories are looked at to judge how well keywords cover the question.</summary>
    public int CoverageProbe { get; set; } = 5;

    public IEnumerable<string> Validate()
    {
        if (CandidatePassages is < 10 or > 1000)
            yield return $"Retrieval:CandidatePassages must be between 10 and 1000 (it is {CandidatePassages}).";
        if (KindHintBoost is < 1 or > 10)
            yield return $"Retrieval:KindHintBoost must be between 1 and 10 (it is {KindHintBoost}).";
        if (LeadPassageBoost is < 1 or > 3)
            yield return $"Retrieval:LeadPassageBoost must be between 1 and 3 (it is {LeadPassageBoost}).";
        if (!Enum.IsDefined(DensePrecision))
            yield return $"Retrieval:DensePrecision must be Exact or Int8 (it is {DensePrecision}).";
        if (!Enum.IsDefined(Mode))
            yield return $"Retrieval:Mode must be Lexical, Dense or Hybrid (it is {Mode}).";
        if (HybridLexicalCandidates is < 10 or > 1000)
            yield return $"Retrieval:HybridLexicalCandidates must be between 10 and 1000 (it is {HybridLexicalCandidates}).";
        if (DenseCandidates is < 1 or > 1000)
            yield return $"Retrieval:DenseCandidates must be between 1 and 1000 (it is {DenseCandidates}).";
        if (KeywordScoreWeight is < 0 or > 10 || DenseWeight is < 0 or > 20 || DenseWeightWhenKeywordsMiss is < 0 or > 20)
            yield return "Retrieval:KeywordScoreWeight (0–10), DenseWeight and DenseWeightWhenKeywordsMiss (0–20) are out of range.";
        if (!Enum.IsDefined(Fusion))
            yield return $"Retrieval:Fusion must be Coverage or Rrf (it is {Fusion}).";
        if (CoverageProbe is < 1 or > 100)
            yield return $"Retrieval:CoverageProbe must be between 1 and 100 (it is {CoverageProbe}).";
    }
}
