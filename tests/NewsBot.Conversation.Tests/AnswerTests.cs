using System.Text.RegularExpressions;
using NewsBot.Evaluation;
using NewsBot.Testing;

namespace NewsBot.Conversation.Tests;

/// <summary>Answers over the real corpus: honest citations, stated dates, plain abstention.</summary>
[Collection(CorpusCollection.Name)]
public sealed class AnswerTests(EmbeddedCorpusIndex corpus)
{
    public static TheoryData<string> DevQuestions()
    {
        var data = new TheoryData<string>();
        foreach (var q in EvalQuestion.Load(Path.Combine(SharedData.Eval, "questions.dev.jsonl"))) data.Add(q.Question);
        return data;
    }

    [Theory]
    [MemberData(nameof(DevQuestions))]
    public async Task Every_quote_is_a_sentence_of_the_story_it_cites_and_no_story_is_cited_twice(string question)
    {
        var answer = (await corpus.Engine.AskAsync(question)).Answer;

        Assert.Equal(answer.Citations.Count, answer.Citations.Select(c => c.StoryId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, answer.Citations.Count), answer.Citations.Select(c => c.Number));
        foreach (var citation in answer.Citations)
        {
            var story = await corpus.Index.GetStoryAsync(citation.StoryId);
            Assert.NotNull(story);
            Assert.Contains(citation.Quote, story!.Text);
            Assert.Contains($"[{citation.Number}]", answer.Text);
            var passages = await corpus.Index.GetPassagesAsync(citation.StoryId);
            Assert.Contains(citation.Quote, Assert.Single(passages, p => p.Id == citation.PassageId).Text);
        }
        var markers = Regex.Matches(answer.Text, @"\[(\d+)\]").Select(m => int.Parse(m.Groups[1].Value));
        Assert.All(markers, n => Assert.InRange(n, 1, answer.Citations.Count));
        Assert.InRange(answer.FollowUps.Count, 0, 3);
        if (answer.Abstained) Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task When_questions_state_the_date_of_the_story()
    {
        var answer = (await corpus.Engine.AskAsync("when do anthropic's copyright protections for customers take effect?")).Answer;
        Assert.False(answer.Abstained);
        var date = answer.Citations[0].Date;
        Assert.NotNull(date);
        Assert.Contains(date!.Value.Year.ToString(), answer.Text);
        Assert.Contains(date.Value.ToString("MMMM", System.Globalization.CultureInfo.InvariantCulture), answer.Text);
    }

    [Theory]
    [InlineData("how much does gpt-7 cost in the api?")]
    [InlineData("what did apple announce at wwdc 2031?")]
    [InlineData("when will claude 9 be released?")]
    public async Task Questions_nothing_supports_get_a_plain_no_and_no_citations(string question)
    {
        var answer = (await corpus.Engine.AskAsync(question)).Answer;
        Assert.True(answer.Abstained);
        Assert.Empty(answer.Citations);
        Assert.Contains("don't have any information", answer.Text);
    }

    [Fact]
    public async Task A_named_thing_in_the_corpus_is_answered_with_it()
    {
        var answer = (await corpus.Engine.AskAsync("Which chip did AWS unveil at re:Invent 2025?")).Answer;
        Assert.False(answer.Abstained);
        Assert.Contains("Trainium3", answer.Text);
        Assert.Contains("Trainium3", answer.Citations[0].Quote);
    }
}
