namespace NewsBot.Retrieval;

/// <summary>Configuration section <c>Retrieval</c>.</summary>
public sealed class RetrievalOptions
{
    public const string Section = "Retrieval";

    /// <summary>Passages fetched from the keyword index before they are grouped per story.</summary>
    public int CandidatePassages { get; set; } = 80;
    /// <summary>Score multiplier for stories of the kind the question asks about ("on the podcast" → transcripts).</summary>
    public double KindHintBoost { get; set; } = 1.5;

    public IEnumerable<string> Validate()
    {
        if (CandidatePassages is < 10 or > 1000)
            yield return $"Retrieval:CandidatePassages must be between 10 and 1000 (it is {CandidatePassages}).";
        if (KindHintBoost is < 1 or > 10)
            yield return $"Retrieval:KindHintBoost must be between 1 and 10 (it is {KindHintBoost}).";
    }
}
