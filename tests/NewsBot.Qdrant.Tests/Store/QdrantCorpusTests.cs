using NewsBot.Conversation;
using NewsBot.Embeddings;
using NewsBot.Evaluation;
using NewsBot.Index.Embeddings;
using NewsBot.Ingestion;
using NewsBot.Ingestion.Embedding;
using NewsBot.Ingestion.Pipeline;
using NewsBot.Retrieval;
using NewsBot.Retrieval.Hybrid;
using NewsBot.Testing;

namespace NewsBot.Qdrant.Tests.Store;

/// <summary>
/// The whole corpus in the fake Qdrant next to the embedded store, with the real USE-Lite vectors: ingested through
/// the real pipeline (texts the embedded index already embedded come from its cache, so nothing is embedded twice),
/// then the dev questions asked of both.
/// </summary>
public sealed class QdrantCorpus : IAsyncLifetime
{
    public EmbeddedCorpusIndex Embedded { get; } = new();
    public QdrantHarness Qdrant { get; } = new();
    public QdrantNewsIndex Index { get; private set; } = null!;
    public IngestReport Report { get; private set; } = null!;
    public QdrantOptions Options { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Embedded.InitializeAsync();
        await Qdrant.InitializeAsync();
        var model = new EmbeddingModelInfo(Embedded.Embedder!.Id, Embedded.Embedder.Dimensions);
        Options = Qdrant.Options("corpus");
        Index = await QdrantNewsIndex.OpenAsync(Options, model);
        var embedder = new PassageEmbedder(Embedded.Embedder, Embedded.Index, new EmbeddingTextSelector(CorpusIndex.IngestionOptions.EmbeddingTargets, CorpusIndex.IngestionOptions.EmbeddingMinSentenceWords),
            model: model);
        Report = await IngestPipeline.Create(Index, CorpusIndex.IngestionOptions, embedder).IngestAsync([SharedData.Seeds, SharedData.Digests]);
    }

    public ConversationEngine Engine(RetrievalOptions? retrieval = null)
    {
        var model = new EmbeddingModelInfo(Embedded.Embedder!.Id, Embedded.Embedder.Dimensions);
        var dense = new DenseSearcher(Index, Embedded.Embedder, model, EmbeddingPurpose.ForQuery());
        return ConversationEngine.Create(Index, retrieval ?? CorpusIndex.RetrievalOptions, CorpusIndex.AnswerOptions, dense);
    }

    public async Task DisposeAsync()
    {
        await Index.DisposeAsync();
        await Qdrant.DisposeAsync();
        await Embedded.DisposeAsync();
    }
}

public sealed class QdrantCorpusTests(QdrantCorpus corpus, ITestOutputHelper output) : IClassFixture<QdrantCorpus>
{
    private static readonly IReadOnlyList<EvalQuestion> Questions = EvalQuestion.Load(Path.Combine(SharedData.Eval, "questions.dev.jsonl"));

    [Fact]
    public async Task The_whole_corpus_ingests_into_Qdrant_as_into_the_embedded_store()
    {
        Assert.True(corpus.Report.Succeeded, string.Join("; ", corpus.Report.Failures.Select(f => f.Path + ": " + f.Error)));
        Assert.Equal(0, corpus.Report.TextsEmbedded);  // every vector came from the embedded index's cache
        var (q, e) = (await corpus.Index.GetStatsAsync(), await corpus.Embedded.Index.GetStatsAsync());
        Assert.Equal((e.Documents, e.Stories, e.Passages), (q.Documents, q.Stories, q.Passages));
        Assert.Equal(e.Rows, q.Rows);
        Assert.Equal(0, (await corpus.Index.GetEmbeddingStateAsync()).PassagesWithoutVectors);
        corpus.Qdrant.AssertEveryBodyValid();
    }

    [Fact]
    public async Task The_dev_questions_find_the_same_top_stories_on_either_store()
    {
        var qdrant = corpus.Engine();
        int sameFirst = 0, answerable = 0;
        double overlap = 0;
        foreach (var question in Questions.Where(q => !q.IsUnanswerable))
        {
            var expected = (await corpus.Embedded.Engine.AskAsync(question.Question)).Retrieval!.Hits.Take(5).Select(h => h.Story.Id).ToList();
            var actual = (await qdrant.AskAsync(question.Question)).Retrieval!.Hits.Take(5).Select(h => h.Story.Id).ToList();
            answerable++;
            if (expected.FirstOrDefault() == actual.FirstOrDefault()) sameFirst++;
            else output.WriteLine($"{question.Id}: first story differs ({expected.FirstOrDefault()} / {actual.FirstOrDefault()}) {question.Question}");
            overlap += expected.Count == 0 ? 1 : expected.Intersect(actual).Count() / (double)expected.Count;
        }
        output.WriteLine($"same first story: {sameFirst}/{answerable}; top-5 overlap {overlap / answerable:0.000}");
        Assert.True(sameFirst >= answerable * 0.8, $"the first story agrees on only {sameFirst} of {answerable} questions");
        Assert.True(overlap / answerable >= 0.8, $"top-5 overlap {overlap / answerable:0.000} < 0.8");
        corpus.Qdrant.AssertEveryBodyValid();
    }

    [Fact]
    public async Task Both_fusion_rules_answer_the_dev_set_on_Qdrant_and_the_coverage_rule_passes_the_hybrid_gate()
    {
        var coverage = await new Evaluator(corpus.Engine(), corpus.Index).RunAsync(Questions, mode: RetrievalMode.Hybrid);
        var rrf = await new Evaluator(corpus.Engine(new RetrievalOptions { Fusion = FusionRule.Rrf }), corpus.Index).RunAsync(Questions, mode: RetrievalMode.Hybrid);
        var lexical = await new Evaluator(corpus.Engine(), corpus.Index).RunAsync(Questions, mode: RetrievalMode.Lexical);
        foreach (var (name, r) in new[] { ("qdrant lexical", lexical), ("qdrant hybrid, coverage rule", coverage), ("qdrant hybrid, server-side rrf", rrf) })
            output.WriteLine($"{name}: recall@5={r.RecallAt5:0.000} mrr@10={r.MrrAt10:0.000} answer_hit={r.AnswerHit:0.000} citation_precision={r.CitationPrecision:0.000} " +
                             $"abstention={r.Abstention:0.000} false_abstention={r.FalseAbstention:0.000} p50={r.Latency.P50:0.0} ms");

        Assert.True(coverage.RecallAt5 >= 0.80, $"recall@5 {coverage.RecallAt5:0.000} < 0.80");
        Assert.True(coverage.FalseAbstention <= 0.10, $"false_abstention {coverage.FalseAbstention:0.000} > 0.10");
        Assert.True(rrf.RecallAt5 > 0, "server-side fusion found nothing");
        Assert.True(coverage.Outcomes.Where(o => o.Question.IsUnanswerable).All(o => o.Abstained));
        Assert.Contains(corpus.Qdrant.Server.Requests, r => r.Path.EndsWith("/points/query/groups", StringComparison.Ordinal) && r.Body!.Contains("\"fusion\":\"rrf\"", StringComparison.Ordinal));
        corpus.Qdrant.AssertEveryBodyValid();
    }
}
