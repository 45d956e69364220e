namespace NewsBot.Conversation;

/// <summary>Configuration section <c>Answer</c>.</summary>
public sealed class AnswerOptions
{
    public const string Section = "Answer";

    /// <summary>Stories whose sentences compete to answer.</summary>
    public int CandidateStories { get; set; } = 8;
    /// <summary>Sentences the answer takes from the best story: the best one, and up to this many minus one beside it.</summary>
    public int LeadStorySentences { get; set; } = 3;
    /// <summary>Sentences from other stories added after the leading one.</summary>
    public int MaxSupportingSentences { get; set; } = 3;
    public int MaxFollowUps { get; set; } = 3;
    /// <summary>
    /// The share of the question's weighted terms the best story must contain; below it the bot says it does not
    /// know. Tuned on the dev set's unanswerable questions.
    /// </summary>
    public double MinimumCoverage { get; set; } = 0.2;
    /// <summary>Any sentence after the lead must score at least this share of the leading sentence's score.</summary>
    public double SupportingScoreRatio { get; set; } = 0.5;

    public IEnumerable<string> Validate()
    {
        if (CandidateStories is < 1 or > 50) yield return $"Answer:CandidateStories must be between 1 and 50 (it is {CandidateStories}).";
        if (LeadStorySentences is < 1 or > 10) yield return $"Answer:LeadStorySentences must be between 1 and 10 (it is {LeadStorySentences}).";
        if (MaxSupportingSentences is < 0 or > 10) yield return $"Answer:MaxSupportingSentences must be between 0 and 10 (it is {MaxSupportingSentences}).";
        if (MaxFollowUps is < 0 or > 3) yield return $"Answer:MaxFollowUps must be between 0 and 3 (it is {MaxFollowUps}).";
        if (MinimumCoverage is < 0 or > 1) yield return $"Answer:MinimumCoverage must be between 0 and 1 (it is {MinimumCoverage}).";
        if (SupportingScoreRatio is < 0 or > 1) yield return $"Answer:SupportingScoreRatio must be between 0 and 1 (it is {SupportingScoreRatio}).";
    }
}
