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

    public IEnumerable<string> Validate()
    {
        if (CandidatePassages is < 10 or > 1000)
            yield return $"Retrieval:CandidatePassages must be between 10 and 1000 (it is {CandidatePassages}).";
        if (KindHintBoost is < 1 or > 10)
            yield return $"Retrieval:KindHintBoost must be between 1 and 10 (it is {KindHintBoost}).";
        if (LeadPassageBoost is < 1 or > 3)
            yield return $"Retrieval:LeadPassageBoost must be between 1 and 3 (it is {LeadPassageBoost}).";
    }
}
