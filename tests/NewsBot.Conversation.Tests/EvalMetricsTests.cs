using NewsBot.Domain;
using NewsBot.Evaluation;

namespace NewsBot.Conversation.Tests;

public class EvalMetricsTests
{
    private static readonly Answer Cited = new() { Text = "Trainium3 is here [1]", Citations = [new Citation { Number = 1, StoryId = "s", PassageId = "s:0", Title = "t", Publication = "p", Quote = "q" }] };
    private static readonly Answer Abstained = new() { Text = "I don't have any information about that.", Citations = [], Abstained = true };

    private static EvalQuestion Q(string kind, params string[] evidence) => new("id", "q?", evidence, kind);

    [Fact]
    public void Recall_mrr_and_citation_figures_follow_the_eval_readme()
    {
        var outcomes = new[]
        {
            QuestionOutcome.Score(Q("fact", "Trainium3"), Cited, ["nothing", "about Trainium3 chips"], ["Trainium3 launch"], 3),
            QuestionOutcome.Score(Q("fact", "Neptune"), Cited, ["a", "b", "c", "d", "e", "f", "Neptune deal"], ["other"], 5),
            QuestionOutcome.Score(Q("unanswerable"), Abstained, [], [], 1),
            QuestionOutcome.Score(Q("unanswerable"), Cited, ["x"], ["x"], 7),
        };
        var m = EvalMetrics.From(outcomes);

        Assert.Equal(0.0, m.RecallAt1);
        Assert.Equal(0.5, m.RecallAt5);
        Assert.Equal(1.0, m.RecallAt10);
        Assert.Equal((1.0 / 2 + 1.0 / 7) / 2, m.MrrAt10, 6);
        Assert.Equal(0.5, m.AnswerHit);
        Assert.Equal(0.5, m.CitationHit);
        Assert.Equal(0.5, m.CitationPrecision);
        Assert.Equal(0.5, m.Abstention);
        Assert.Equal(0.0, m.FalseAbstention);
        Assert.Equal(4, m.N);
    }

    [Theory]
    [InlineData("Raised $155M in a Series C", "$155m", true)]
    [InlineData("the  Falcon\nMamba 7B model", "falcon mamba", true)]
    [InlineData("ﬁne-tuned", "fine-tuned", true)]
    [InlineData("Large 2", "Large 3", false)]
    public void Evidence_matching_is_case_insensitive_and_normalised(string text, string evidence, bool expected)
    {
        Assert.Equal(expected, EvidenceMatcher.Supports(text, [evidence]));
    }

    [Fact]
    public void Latency_percentiles_use_nearest_rank()
    {
        var l = LatencyMetrics.From(Enumerable.Range(1, 100).Select(i => (double)i));
        Assert.Equal(50, l.P50);
        Assert.Equal(95, l.P95);
    }
}
