using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers.Transcript;

/// <summary>How strongly a sentence announces something new in the show.</summary>
internal enum CueKind
{
    None,
    /// <summary>"Speaking of …": often a new story, sometimes a tangent.</summary>
    Aside,
    /// <summary>"Next, we have …", "moving on", "the first story is about …".</summary>
    Story,
    /// <summary>"On to research and advancements."</summary>
    Section,
    /// <summary>"And with that, we are going to finish up": the sign-off.</summary>
    SignOff,
}

/// <summary>What the hosts' words at the start of a sentence announce: a show section, a story, the sign-off.</summary>
/// <param name="Section">The section's display name, for <see cref="CueKind.Section"/>.</param>
internal sealed partial record TransitionCue(CueKind Kind, string? Section)
{
    public static readonly TransitionCue None = new(CueKind.None, null);

    /// <summary>The show's recurring sections, as the hosts say them (a regex alternation).</summary>
    public const string SpokenSections =
        "tools and apps|applications and business|projects and open source|research and advancements|policy and safety"
        + "|synthetic media and art|art and entertainment|lightning round";

    // Interjections that open a transition without changing it ("And", "All righty,").
    private const string Lead = @"^(?:(?:and|so|okay|ok|alright|all right|all righty|yeah|well|now|right)\b[,.!]?\s+)*";

    public static TransitionCue Of(string sentence)
    {
        if (SectionCue().Match(sentence) is { Success: true } section)
            return new TransitionCue(CueKind.Section, DisplayName(section.Groups["section"].Value));
        if (SignOffCue().IsMatch(sentence)) return new TransitionCue(CueKind.SignOff, null);
        if (StoryCue().IsMatch(sentence) || NamedStory().IsMatch(sentence.Length > 80 ? sentence[..80] : sentence))
            return new TransitionCue(CueKind.Story, null);
        if (AsideCue().IsMatch(sentence)) return new TransitionCue(CueKind.Aside, null);
        return None;
    }

    /// <summary>"policy and safety" → "Policy and Safety".</summary>
    private static string DisplayName(string spoken) =>
        string.Join(' ', spoken.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w == "and" ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    [GeneratedRegex(Lead + @"(?:(?:(?:let's\s+)?mov(?:e|ing)\s+(?:on\s+)?to|on\s*to|now\s+to|over\s+to|in|into)\s+(?:the\s+)?)(?<section>" + SpokenSections + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex SectionCue();

    [GeneratedRegex(Lead + @"(?:moving\s+(?:right\s+)?(?:along|on)\b|on\s*to\b|next\b|up next\b|our next\b|speaking of\b.{0,40}\bnext\b|(?:the\s+)?(?:first|last|final)\s+(?:story|one|paper)\b|we\s+(?:begin|start|kick off)\s+with\b|(?:just\s+)?one more story\b)", RegexOptions.IgnoreCase)]
    private static partial Regex StoryCue();

    [GeneratedRegex(@"\b(?:the\s+)?(?:next|first|last|final)\s+story\b", RegexOptions.IgnoreCase)]
    private static partial Regex NamedStory();

    [GeneratedRegex(Lead + @"speaking of\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsideCue();

    [GeneratedRegex(Lead + @"(?:with that,\s+we(?:'re|\s+are)\b.{0,40}\b(?:finish|wrap|end)|that's (?:it|all) for (?:this|today's|the) (?:episode|week|show)|thank you (?:so much )?for listening)", RegexOptions.IgnoreCase)]
    private static partial Regex SignOffCue();
}
