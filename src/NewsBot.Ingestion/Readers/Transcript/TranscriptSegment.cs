namespace NewsBot.Ingestion.Readers.Transcript;

/// <summary>Consecutive sentences forming one topic segment, with what each sentence announces.</summary>
/// <param name="First">Index of the segment's first sentence in the transcript.</param>
internal sealed record TranscriptSegment(int First, IReadOnlyList<Sentence> Sentences, IReadOnlyList<TransitionCue> Cues)
{
    /// <summary>A segment's own topic and section are announced within its first few sentences, if at all.</summary>
    public const int OpeningSentences = 3;

    public int Start => Sentences[0].Start;
    public int End => Sentences[^1].End;
}

/// <summary>A segment's title, and whether the segment is the episode's introduction rather than a story.</summary>
internal sealed record SegmentTitle(string Text, bool IsIntroduction);
