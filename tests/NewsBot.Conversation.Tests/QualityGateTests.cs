using NewsBot.Evaluation;
using NewsBot.Retrieval;
using NewsBot.Testing;

namespace NewsBot.Conversation.Tests;

/// <summary>
/// The quality gates on shared/eval/questions.dev.jsonl, scored exactly as the eval command scores it: the foundation
/// issue's gate for keyword retrieval, and the embeddings issue's gate for hybrid retrieval against it. The figures
/// are printed for the README.
/// </summary>
[Collection(CorpusCollection.Name)]
public sealed class QualityGateTests(EmbeddedCorpusIndex corpus, ITestOutputHelper output)
{
    private static readonly IReadOnlyList<EvalQuestion> Questions = EvalQuestion.Load(Path.Combine(SharedData.Eval, "questions.dev.jsonl"));

    [Fact]
    public async Task Keyword_retrieval_and_extractive_answers_pass_the_dev_set_gate()
    {
        var report = await RunAsync(RetrievalMode.Lexical);

        Assert.True(report.RecallAt5 >= 0.70, $"recall@5 {report.RecallAt5:0.000} < 0.70");
        Assert.True(report.AnswerHit >= 0.55, $"answer_hit {report.AnswerHit:0.000} < 0.55");
        Assert.True(report.FalseAbstention <= 0.10, $"false_abstention {report.FalseAbstention:0.000} > 0.10");
        AssertAbstainsOnUnanswerable(report);
    }

    [Fact]
    public async Task Hybrid_retrieval_beats_keywords_on_every_kind_and_finds_paraphrases()
    {
        var lexical = await RunAsync(RetrievalMode.Lexical);
        var hybrid = await RunAsync(RetrievalMode.Hybrid);

        Assert.True(hybrid.RecallAt5 >= 0.80, $"hybrid recall@5 {hybrid.RecallAt5:0.000} < 0.80");
        Assert.True(hybrid.FalseAbstention <= 0.10, $"hybrid false_abstention {hybrid.FalseAbstention:0.000} > 0.10");
        Assert.True(hybrid.RecallAt5 >= lexical.RecallAt5, $"hybrid recall@5 {hybrid.RecallAt5:0.000} < lexical {lexical.RecallAt5:0.000}");
        Assert.True(hybrid.MrrAt10 >= lexical.MrrAt10, $"hybrid mrr@10 {hybrid.MrrAt10:0.000} < lexical {lexical.MrrAt10:0.000}");
        foreach (var (kind, metrics) in lexical.ByKind.Where(k => k.Key != EvalQuestion.Unanswerable))
        {
            var h = hybrid.ByKind[kind];
            Assert.True(h.RecallAt5 >= metrics.RecallAt5, $"{kind}: hybrid recall@5 {h.RecallAt5:0.000} < lexical {metrics.RecallAt5:0.000}");
            Assert.True(h.MrrAt10 >= metrics.MrrAt10, $"{kind}: hybrid mrr@10 {h.MrrAt10:0.000} < lexical {metrics.MrrAt10:0.000}");
        }
        var paraphrases = hybrid.Outcomes.Where(o => o.Question.Kind == "paraphrase").ToList();
        Assert.Equal(8, paraphrases.Count);
        Assert.True(paraphrases.Count(o => o.FirstSupportingRank <= 5) >= 3,
            $"only {paraphrases.Count(o => o.FirstSupportingRank <= 5)} of 8 paraphrase questions in the top 5");
        AssertAbstainsOnUnanswerable(hybrid);
    }

    private async Task<EvalReport> RunAsync(RetrievalMode mode)
    {
        var report = await new Evaluator(corpus.Engine, corpus.Index).RunAsync(Questions, mode: mode);
        output.WriteLine($"--- {mode}");
        foreach (var o in report.Outcomes)
            output.WriteLine($"{o.Question.Id} {o.Question.Kind,-12} rank={o.FirstSupportingRank?.ToString() ?? "-",-3} hit={(o.AnswerHit ? 1 : 0)} abst={(o.Abstained ? 1 : 0)} {o.Question.Question}");
        output.WriteLine($"recall@1={report.RecallAt1:0.000} recall@5={report.RecallAt5:0.000} recall@10={report.RecallAt10:0.000} mrr@10={report.MrrAt10:0.000} " +
                         $"answer_hit={report.AnswerHit:0.000} citation_hit={report.CitationHit:0.000} citation_precision={report.CitationPrecision:0.000} " +
                         $"abstention={report.Abstention:0.000} false_abstention={report.FalseAbstention:0.000}");
        return report;
    }

    private static void AssertAbstainsOnUnanswerable(EvalReport report)
    {
        var unanswerable = report.Outcomes.Where(o => o.Question.IsUnanswerable).ToList();
        Assert.Equal(3, unanswerable.Count);
        Assert.True(unanswerable.All(o => o.Abstained), $"abstained on {unanswerable.Count(o => o.Abstained)} of the 3 unanswerable questions");
    }
}
