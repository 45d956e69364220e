using System.Text.RegularExpressions;
using NewsBot.Domain;
using NewsBot.Ingestion.Readers.Transcript;

namespace NewsBot.Ingestion.Readers;

/// <summary>
/// Reads a podcast transcript (speech-to-text, no speakers, no timestamps) into topic segments of 200–800 words:
/// cut where the hosts announce a section or a story, and where a story runs too long, where its vocabulary shifts.
/// </summary>
public sealed partial class TranscriptReader : IDocumentReader
{
    // Evidence for a segment boundary at a sentence start, weighed against SegmentPlanner.CutCost.
    private const double SectionScore = 10;
    private const double StoryScore = 6;
    private const double AsideScore = 3;
    private const double CohesionWeight = 2;
    // A sign-off is only the sign-off near the end; earlier, "with that, we're done with…" is talk.
    private const double SignOffRegion = 0.85;
    // Hosts name the show, and state the recording date if at all, while opening the episode.
    private const int OpeningLength = 3000;

    public DocumentKind Kind => DocumentKind.Transcript;

    public double Confidence(SourceText source)
    {
        var profile = TextProfile.Of(source.Text);
        if (!profile.IsReadableText || profile.HasFrontMatter) return 0;
        var score = 0.1;
        if (profile.HasShowGreeting) score += 0.35;
        score += 0.35 * Math.Min(1, profile.ConversationalPerThousandWords / 15);
        score += 0.2 * Math.Min(1, profile.BrokenLongLineShare / 0.25);
        return Math.Clamp(score, 0.05, 0.95);
    }

    public ParsedDocument Read(SourceText source)
    {
        var profile = TextProfile.Of(source.Text);
        if (profile.IsEmpty) throw new DocumentFormatException("The transcript is empty.");
        if (profile.IsBinary) throw new DocumentFormatException("The file is not text (it contains binary data).");
        if (profile.HasFrontMatter) throw new DocumentFormatException("The file starts with YAML front matter: it is a digest, not a transcript.");

        var text = TranscriptText.Rejoin(source.Text);
        var sentences = SentenceSplitter.Split(text);
        var cues = sentences.Select(s => TransitionCue.Of(s.Text)).ToList();
        var spoken = WithoutSignOff(sentences, cues, text.Length);
        var segments = Segment(spoken, cues);
        var sections = SectionsInEffect(cues);

        var titles = new SegmentTitler(segments).Titles();
        var stories = segments.Select((segment, k) => new ParsedStory
        {
            Title = titles[k].Text,
            Text = text[segment.Start..segment.End],
            StartOffset = segment.Start,
            // A section announced in the segment's opening sentences is the one it belongs to.
            Section = sections[segment.First + Math.Min(TranscriptSegment.OpeningSentences, segment.Sentences.Count) - 1],
        }).ToList();

        var opening = text.Length > OpeningLength ? text[..OpeningLength] : text;
        var publication = ShowName(opening);
        var firstStory = titles.FirstOrDefault(t => !t.IsIntroduction);
        return new ParsedDocument
        {
            // The episode's lead story tells it apart from every other episode of the show.
            Title = firstStory is null ? publication : $"{publication}: {firstStory.Text}",
            Publication = publication,
            Kind = DocumentKind.Transcript,
            Date = StatedDate.First(opening),
            Stories = stories,
        };
    }

    /// <summary>The sentences before the closing sign-off and theme song, which carry no news.</summary>
    private static List<Sentence> WithoutSignOff(List<Sentence> sentences, List<TransitionCue> cues, int textLength)
    {
        for (var i = 0; i < sentences.Count; i++)
            if (i > 0 && cues[i].Kind == CueKind.SignOff && sentences[i].Start >= textLength * SignOffRegion)
                return sentences.GetRange(0, i);
        return sentences;
    }

    private static List<TranscriptSegment> Segment(List<Sentence> sentences, List<TransitionCue> cues)
    {
        var depths = LexicalCohesion.Depths(sentences.Select(s => SpokenWords.ContentTerms(s.Text).ToArray()).ToList());
        // "On to research and advancements. We begin with a paper, …": the first announcement opens the segment,
        // the one right after it only says what the segment is about.
        var boundary = sentences.Select((_, i) =>
            (i > 0 && CueScore(cues[i - 1].Kind) > 0 ? 0 : CueScore(cues[i].Kind)) + CohesionWeight * depths[i]).ToList();
        var starts = SegmentPlanner.Plan(sentences.Select(s => s.WordCount).ToList(), boundary);
        return starts.Select((start, k) =>
        {
            var count = (k + 1 < starts.Count ? starts[k + 1] : sentences.Count) - start;
            return new TranscriptSegment(start, sentences.GetRange(start, count), cues.GetRange(start, count));
        }).ToList();
    }

    private static double CueScore(CueKind kind) => kind switch
    {
        CueKind.Section => SectionScore,
        CueKind.Story => StoryScore,
        CueKind.Aside => AsideScore,
        _ => 0,
    };

    /// <summary>For each sentence, the show section announced last at or before it (null before the first).</summary>
    private static string?[] SectionsInEffect(List<TransitionCue> cues)
    {
        var sections = new string?[cues.Count];
        string? current = null;
        for (var i = 0; i < cues.Count; i++)
            sections[i] = current = cues[i].Section ?? current;
        return sections;
    }

    /// <summary>"welcome to the Last Week in AI podcast" → "Last Week in AI Podcast"; a show that never names itself is just a podcast.</summary>
    private static string ShowName(string opening) =>
        ShowGreeting().Match(opening) is { Success: true } m ? m.Groups["name"].Value.Trim() + " Podcast" : "Podcast";

    [GeneratedRegex(@"\bwelcome (?:back )?to (?:the )?(?<name>[^.,!?]{2,60}?) podcast\b", RegexOptions.IgnoreCase)]
    private static partial Regex ShowGreeting();
}
