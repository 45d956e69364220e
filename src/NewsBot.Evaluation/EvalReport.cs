using System.Text.Json.Serialization;

namespace NewsBot.Evaluation;

/// <summary>The eval figures, overall and per question kind. JSON names are a contract (see the README).</summary>
public sealed record EvalMetrics
{
    [JsonPropertyName("recall@1")] public double RecallAt1 { get; init; }
    [JsonPropertyName("recall@5")] public double RecallAt5 { get; init; }
    [JsonPropertyName("recall@10")] public double RecallAt10 { get; init; }
    [JsonPropertyName("mrr@10")] public double MrrAt10 { get; init; }
    [JsonPropertyName("answer_hit")] public double AnswerHit { get; init; }
    [JsonPropertyName("citation_hit")] public double CitationHit { get; init; }
    [JsonPropertyName("citation_precision")] public double CitationPrecision { get; init; }
    /// <summary>Share of unanswerable questions abstained on; null when there were none.</summary>
    [JsonPropertyName("abstention")] public double? Abstention { get; init; }
    [JsonPropertyName("false_abstention")] public double FalseAbstention { get; init; }
    [JsonPropertyName("n")] public int N { get; init; }

    public static EvalMetrics From(IReadOnlyList<QuestionOutcome> outcomes)
    {
        var answerable = outcomes.Where(o => !o.Question.IsUnanswerable).ToList();
        var unanswerable = outcomes.Where(o => o.Question.IsUnanswerable).ToList();
        var citing = answerable.Where(o => o.Cited > 0).ToList();
        return new EvalMetrics
        {
            RecallAt1 = Share(answerable, o => o.FirstSupportingRank <= 1),
            RecallAt5 = Share(answerable, o => o.FirstSupportingRank <= 5),
            RecallAt10 = Share(answerable, o => o.FirstSupportingRank <= 10),
            MrrAt10 = answerable.Count == 0 ? 0 : answerable.Average(o => o.FirstSupportingRank is { } r && r <= 10 ? 1.0 / r : 0),
            AnswerHit = Share(answerable, o => o.AnswerHit),
            CitationHit = Share(answerable, o => o.CitedSupporting > 0),
            CitationPrecision = citing.Count == 0 ? 0 : citing.Average(o => (double)o.CitedSupporting / o.Cited),
            Abstention = unanswerable.Count == 0 ? null : Share(unanswerable, o => o.Abstained),
            FalseAbstention = Share(answerable, o => o.Abstained),
            N = outcomes.Count,
        };
    }

    private static double Share(IReadOnlyList<QuestionOutcome> items, Func<QuestionOutcome, bool> predicate) =>
        items.Count == 0 ? 0 : (double)items.Count(predicate) / items.Count;
}

public sealed record LatencyMetrics([property: JsonPropertyName("p50")] double P50, [property: JsonPropertyName("p95")] double P95)
{
    public static LatencyMetrics From(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return new LatencyMetrics(Percentile(sorted, 0.50), Percentile(sorted, 0.95));
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 2);
}

public sealed record EvalReport
{
    [JsonPropertyName("recall@1")] public double RecallAt1 => Overall.RecallAt1;
    [JsonPropertyName("recall@5")] public double RecallAt5 => Overall.RecallAt5;
    [JsonPropertyName("recall@10")] public double RecallAt10 => Overall.RecallAt10;
    [JsonPropertyName("mrr@10")] public double MrrAt10 => Overall.MrrAt10;
    [JsonPropertyName("answer_hit")] public double AnswerHit => Overall.AnswerHit;
    [JsonPropertyName("citation_hit")] public double CitationHit => Overall.CitationHit;
    [JsonPropertyName("citation_precision")] public double CitationPrecision => Overall.CitationPrecision;
    [JsonPropertyName("abstention")] public double? Abstention => Overall.Abstention;
    [JsonPropertyName("false_abstention")] public double FalseAbstention => Overall.FalseAbstention;
    [JsonPropertyName("n")] public int N => Overall.N;
    [JsonPropertyName("latency_ms")] public required LatencyMetrics Latency { get; init; }
    [JsonPropertyName("by_kind")] public required IReadOnlyDictionary<string, EvalMetrics> ByKind { get; init; }

    [JsonIgnore] public EvalMetrics Overall { get; init; } = new();
    [JsonIgnore] public IReadOnlyList<QuestionOutcome> Outcomes { get; init; } = [];

    public static EvalReport From(IReadOnlyList<QuestionOutcome> outcomes) => new()
    {
        Overall = EvalMetrics.From(outcomes),
        Latency = LatencyMetrics.From(outcomes.Select(o => o.LatencyMs)),
        ByKind = outcomes.GroupBy(o => o.Question.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => EvalMetrics.From(g.ToList())),
        Outcomes = outcomes,
    };
}
