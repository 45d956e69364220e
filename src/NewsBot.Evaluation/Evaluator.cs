using System.Diagnostics;
using NewsBot.Conversation;
using NewsBot.Domain;
using NewsBot.Index;
using NewsBot.Retrieval;

namespace NewsBot.Evaluation;

/// <summary>Scores the engine on a question set exactly as shared/eval/README.md defines.</summary>
public sealed class Evaluator(ConversationEngine engine, INewsIndex index)
{
    public async Task<EvalReport> RunAsync(IReadOnlyList<EvalQuestion> questions, int k = 10, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default, RetrievalMode? mode = null)
    {
        var outcomes = new List<QuestionOutcome>(questions.Count);
        foreach (var q in questions)
        {
            var clock = Stopwatch.StartNew();
            var reply = await engine.AskAsync(q.Question, cancellationToken: cancellationToken, mode: mode);
            var latency = clock.Elapsed.TotalMilliseconds;
            var retrieved = reply.Retrieval?.Hits.Take(k).Select(h => h.Passage.Text).ToList() ?? [];
            var cited = new List<string>();
            foreach (var c in reply.Answer.Citations)
                cited.Add(await PassageTextAsync(c, cancellationToken));
            outcomes.Add(QuestionOutcome.Score(q, reply.Answer, retrieved, cited, latency));
            progress?.Report(outcomes.Count);
        }
        return EvalReport.From(outcomes);
    }

    private async Task<string> PassageTextAsync(Citation citation, CancellationToken cancellationToken) =>
        (await index.GetPassagesAsync(citation.StoryId, cancellationToken)).FirstOrDefault(p => p.Id == citation.PassageId)?.Text ?? "";
}

/// <summary>How the engine did on one question.</summary>
public sealed record QuestionOutcome(EvalQuestion Question, Answer Answer, int? FirstSupportingRank, bool AnswerHit, int CitedSupporting, int Cited, double LatencyMs)
{
    public bool Abstained => Answer.Abstained && Answer.Citations.Count == 0;

    public static QuestionOutcome Score(EvalQuestion q, Answer answer, IReadOnlyList<string> retrieved, IReadOnlyList<string> cited, double latencyMs)
    {
        int? rank = null;
        for (var i = 0; i < retrieved.Count && rank is null; i++)
            if (EvidenceMatcher.Supports(retrieved[i], q.Evidence)) rank = i + 1;
        return new QuestionOutcome(q, answer, rank, EvidenceMatcher.Supports(answer.Text, q.Evidence),
            cited.Count(c => EvidenceMatcher.Supports(c, q.Evidence)), cited.Count, latencyMs);
    }
}
