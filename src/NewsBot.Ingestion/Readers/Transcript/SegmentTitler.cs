using NewsBot.Domain.Text;
namespace NewsBot.Ingestion.Readers.Transcript;

/// <summary>
/// Titles segments from what the hosts announced ("the first story is about …"). A segment that opens without an
/// announcement continues the story announced last before it ("… (part 2)"). Before any announcement (the
/// introduction, or a show whose hosts announce nothing), a segment is titled by its most distinctive names.
/// </summary>
internal sealed class SegmentTitler(IReadOnlyList<TranscriptSegment> segments)
{
    private const int KeywordCount = 3;
    private const int ShortTopicWords = 6;
    private const int OpeningWordCount = 8;

    private readonly SalientTerms _salient = new(segments.Select(s => s.Sentences));

    public List<SegmentTitle> Titles()
    {
        var titles = new List<SegmentTitle>();
        string? story = null;
        var part = 0;
        for (var k = 0; k < segments.Count; k++)
        {
            var segment = segments[k];
            if (Announcements(segment, 0, TranscriptSegment.OpeningSentences).FirstOrDefault() is { } opening)
            {
                story = WithNames(opening, k);
                part = 1;
                titles.Add(new SegmentTitle(story, IsIntroduction: false));
            }
            else if (story is not null)
            {
                titles.Add(new SegmentTitle($"{story} (part {++part})", IsIntroduction: false));
            }
            else
            {
                var keywords = _salient.Top(k, KeywordCount);
                // Before the first announced story the hosts introduce themselves and the episode.
                var isIntroduction = k == 0;
                var about = keywords.Count > 0 ? Join(keywords) : OpeningWords(segment);
                titles.Add(new SegmentTitle(isIntroduction ? "Introduction: " + about : about, isIntroduction));
            }

            // A story announced further into the segment (after a short one) is what the next segment continues.
            if (Announcements(segment, TranscriptSegment.OpeningSentences, segment.Sentences.Count).LastOrDefault() is { } later)
            {
                story = later.Text;
                part = 1;
            }
        }
        return titles;
    }

    /// <summary>"Absurd sounding numbers of hardware" says what kind of story; the segment's names say whose.</summary>
    private string WithNames(TopicPhrase.Topic topic, int segment)
    {
        if (topic.NamesSomething || Words.Count(topic.Text) > ShortTopicWords) return topic.Text;
        var keywords = _salient.Top(segment, KeywordCount - 1, namesOnly: true);
        return keywords.Count > 0 ? topic.Text + ": " + Join(keywords) : topic.Text;
    }

    /// <summary>
    /// The topic of each announcement starting in [<paramref name="from"/>, <paramref name="to"/>): from the
    /// announcing sentence or the one after it, which often names what the announcement only hinted at
    /// ("also related to copyright rules." → "The title of the story is …"), preferring the one that names something.
    /// </summary>
    private static IEnumerable<TopicPhrase.Topic> Announcements(TranscriptSegment segment, int from, int to)
    {
        for (var i = from; i < Math.Min(to, segment.Sentences.Count); i++)
        {
            if (segment.Cues[i].Kind is not (CueKind.Story or CueKind.Section or CueKind.Aside)) continue;
            var topics = segment.Sentences.Skip(i).Take(2).Select(s => TopicPhrase.From(s.Text)).OfType<TopicPhrase.Topic>().ToList();
            if (topics.Count > 0) yield return topics.FirstOrDefault(t => t.NamesSomething) ?? topics[0];
        }
    }

    /// <summary>For a segment without a recurring name or phrase: how it begins.</summary>
    private static string OpeningWords(TranscriptSegment segment) =>
        string.Join(' ', segment.Sentences[0].Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(OpeningWordCount)).TrimEnd('.', ',') + "…";

    private static string Join(IReadOnlyList<string> terms) =>
        terms.Count == 1 ? terms[0] : string.Join(", ", terms.Take(terms.Count - 1)) + " and " + terms[^1];
}
