using System.Globalization;
using System.Text;
using NewsBot.Domain;
using NewsBot.Domain.Text;
using NewsBot.Index;

namespace NewsBot.Conversation.Answering;

/// <summary>
/// Answers "what's new?" and "latest news about X": the given stories as a list of headlines, newest first, each
/// cited with its opening sentence.
/// </summary>
public sealed class HeadlineAnswerer(INewsIndex index)
{
    public async Task<Answer> AnswerAsync(string heading, IReadOnlyList<Story> stories, string nothingFound, CancellationToken cancellationToken)
    {
        if (stories.Count == 0)
            return new Answer { Text = nothingFound, Citations = [], Abstained = true, FollowUps = ["What's the latest AI news?"] };
        var text = new StringBuilder(heading);
        var citations = new List<Citation>();
        foreach (var story in stories)
        {
            var passage = (await index.GetPassagesAsync(story.Id, cancellationToken)).FirstOrDefault();
            var lead = passage is null ? null : SentenceSplitter.SplitToStrings(passage.Text).FirstOrDefault();
            var n = citations.Count + 1;
            citations.Add(new Citation
            {
                Number = n,
                StoryId = story.Id,
                PassageId = passage?.Id ?? Passage.MakeId(story.Id, 0),
                Title = story.Title,
                Publication = story.Publication,
                Date = story.Date,
                Url = story.Url,
                Quote = lead ?? story.Title,
            });
            var date = story.Date is { } d ? ", " + AnswerWording.Date(d) : "";
            text.Append(CultureInfo.InvariantCulture, $"\n- {story.Title} ({story.Publication}{date}) [{n}]");
        }
        return new Answer
        {
            Text = text.ToString(),
            Citations = citations,
            FollowUps = stories.Take(2).Select(s => $"Tell me more about \"{AnswerWording.Shorten(s.Title)}\"").ToList(),
        };
    }
}
