using System.CommandLine;
using System.Globalization;
using NewsBot.Cli.Benchmarks;
using NewsBot.Cli.Hosting;
using NewsBot.Evaluation;
using NewsBot.Index;
using NewsBot.Index.Dense;
using NewsBot.Retrieval;
using Spectre.Console;

namespace NewsBot.Cli.Commands;

/// <summary>
/// <c>newsbot bench query [--db FILE] [--questions FILE] [--rounds N]</c>: on an existing index with embeddings,
/// the latency of each step of answering (query embedding, dense search exact and int8, hybrid top-10, the full
/// answer) and the process's peak memory once the whole index is loaded, as a server holding it would be.
/// </summary>
public static class BenchQueryCommand
{
    private const int TopK = 10;

    public static Command Create()
    {
        var questions = new Option<FileInfo?>("--questions") { Description = "Questions to time (default: <shared>/eval/questions.dev.jsonl)" };
        var rounds = new Option<int>("--rounds") { Description = "Times each question is timed, after one warm-up pass", DefaultValueFactory = _ => 5 };
        var command = new Command("query", "Measure query embedding, dense, hybrid and answer latency and peak memory on an existing index") { questions, rounds };
        command.SetAction((parse, ct) =>
        {
            var questionFile = parse.GetValue(questions)?.FullName ?? SharedFolder.Path("eval", "questions.dev.jsonl");
            var roundCount = Math.Max(1, parse.GetValue(rounds));
            return CommandContext.RunAsync(parse, app => RunAsync(app, questionFile, roundCount, ct));
        });
        return command;
    }

    private static async Task<int> RunAsync(NewsBotApp app, string questionFile, int rounds, CancellationToken ct)
    {
        var console = CommandContext.Console;
        if (app.Dense is null)
        {
            console.MarkupLine("[red]bench query needs the embedding model[/]: run ./newsbot setup, and ingest with Embeddings:Model set (the default, use-lite).");
            return CommandContext.UsageError;
        }
        if (!File.Exists(questionFile))
        {
            console.MarkupLine($"[red]No questions at {Markup.Escape(questionFile)}[/]: pass --questions FILE or set NEWSBOT_SHARED.");
            return CommandContext.UsageError;
        }
        var questions = EvalQuestion.Load(questionFile).Select(q => q.Question).ToList();
        var retrieval = OptionsBinding.Bind<RetrievalOptions>(NewsBotConfiguration.Build(), RetrievalOptions.Section, o => o.Validate());
        var retriever = new Retriever(app.Index, retrieval, app.Dense);
        var analyzer = new QueryAnalyzer();

        await app.WarmUpAsync(ct); // as a server does: vectors and the in-memory keyword ranking loaded
        foreach (var q in questions) await app.Engine.AskAsync(q, cancellationToken: ct);

        var embedding = new Percentiles("query embedding");
        var hybrid = new Percentiles($"hybrid retrieval, top {TopK}");
        var answer = new Percentiles("full answer");
        console.WriteLine($"bench: {questions.Count} questions × {rounds} rounds…");
        for (var r = 0; r < rounds; r++)
            foreach (var q in questions)
            {
                await embedding.TimeAsync(() => app.Dense.EmbedQueryAsync(q, ct));
                await hybrid.TimeAsync(() => retriever.RetrieveAsync(analyzer.Analyze(q), TopK, RetrievalMode.Hybrid, ct));
                await answer.TimeAsync(() => app.Engine.AskAsync(q, cancellationToken: ct));
            }
        // Read before the dense-only measures load a second copy of the matrix: this is what a server holds.
        var peak = ProcessMemory.PeakResidentMegabytes();
        var resident = ProcessMemory.ResidentMegabytes();

        var vectors = new List<float[]>();
        foreach (var q in questions) vectors.Add(await app.Dense.EmbedQueryAsync(q, ct));
        var table = new Table().Border(TableBorder.Rounded).AddColumns("measure", "p50 ms", "p95 ms", "samples");
        IEnumerable<Percentiles> measures;
        if (app.Index is IVectorSearchStore store)
        {
            // The store searches its own vectors: one request per question.
            var served = await StoreSearchAsync(store, vectors, retrieval.DenseCandidates, rounds, ct);
            measures = [embedding, served, hybrid, answer];
            console.WriteLine($"index: {app.Index.GetType().Name} (vectors searched by the store), {app.Dense.Model}");
        }
        else
        {
            var dense = await app.Index.LoadDenseIndexAsync(app.Dense.Model, ct);
            var exact = DenseSearch(dense, vectors, DensePrecision.Exact, retrieval.DenseCandidates, rounds);
            var int8 = DenseSearch(dense, vectors, DensePrecision.Int8, retrieval.DenseCandidates, rounds);
            measures = [embedding, exact, int8, hybrid, answer];
            console.WriteLine($"index: {dense.Count:N0} embedded rows of {dense.Stories.Count:N0} stories, {dense.Model}");
        }
        foreach (var p in measures)
            table.AddRow(p.Name, $"{p.P50:0.00}", $"{p.P95:0.00}", p.Count.ToString(CultureInfo.InvariantCulture));
        console.Write(table);
        console.WriteLine(peak is { } hwm
            ? $"process memory with the full index loaded: peak RSS (VmHWM) {hwm:0.0} MB, RSS {resident:0.0} MB"
            : "process memory: /proc/self/status is not available on this system");
        return CommandContext.Ok;
    }

    private static async Task<Percentiles> StoreSearchAsync(IVectorSearchStore store, List<float[]> vectors, int limit, int rounds, CancellationToken ct)
    {
        var latency = new Percentiles($"dense search alone, by the store, top {limit} stories");
        foreach (var v in vectors) await store.SearchByMeaningAsync(v, limit, SearchFilter.None, ct);
        for (var r = 0; r < rounds; r++)
            foreach (var v in vectors)
                await latency.TimeAsync(() => store.SearchByMeaningAsync(v, limit, SearchFilter.None, ct));
        return latency;
    }

    // The meaning arm's matrix scan alone: as many stories as hybrid retrieval asks of it, grouped per story.
    private static Percentiles DenseSearch(DenseIndex dense, List<float[]> vectors, DensePrecision precision, int limit, int rounds)
    {
        var options = new DenseSearchOptions { GroupByStory = true, Precision = precision };
        var latency = new Percentiles($"dense search alone, {precision.ToString().ToLowerInvariant()}, top {limit} stories");
        foreach (var v in vectors) dense.Search(v, limit, options); // warm-up (builds the int8 matrix once)
        for (var r = 0; r < rounds; r++)
            foreach (var v in vectors)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                dense.Search(v, limit, options);
                latency.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }
        return latency;
    }
}
