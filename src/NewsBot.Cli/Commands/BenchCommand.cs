using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NewsBot.Cli.Hosting;
using NewsBot.Evaluation;
using Spectre.Console;

namespace NewsBot.Cli.Commands;

/// <summary>
/// <c>newsbot bench [--questions FILE] [--rounds N] [PATH...]</c>: ingests the corpus into a fresh temporary index and
/// prints ingest time and MB/s, re-ingest time, and answer latency percentiles over the questions. A benchmark, not a test:
/// it prints numbers and asserts nothing. <c>bench embeddings</c> and <c>bench query</c> measure the embedding model
/// and the query path on their own; <c>bench http</c> the HTTP server under concurrent load.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Corpus files or folders (default: ../shared/seeds and ../shared/corpus/digests)", Arity = ArgumentArity.ZeroOrMore };
        var questions = new Option<FileInfo?>("--questions") { Description = "Questions to time (default: ../shared/eval/questions.dev.jsonl)" };
        var rounds = new Option<int>("--rounds") { Description = "Times each question is asked", DefaultValueFactory = _ => 5 };
        var command = new Command("bench", "Measure ingest throughput and answer latency (subcommands: embeddings, query, http)")
        {
            paths, questions, rounds, BenchEmbeddingsCommand.Create(), BenchQueryCommand.Create(), BenchHttpCommand.Create(),
        };
        command.SetAction(async (parse, ct) =>
        {
            var corpus = parse.GetValue(paths) is { Length: > 0 } p ? p : [Path.Combine("..", "shared", "seeds"), Path.Combine("..", "shared", "corpus", "digests")];
            var questionFile = parse.GetValue(questions)?.FullName ?? Path.Combine("..", "shared", "eval", "questions.dev.jsonl");
            var db = Path.Combine(Path.GetTempPath(), $"newsbot-bench-{Guid.NewGuid():N}.db");
            try
            {
                return await RunAsync(db, corpus, questionFile, Math.Max(1, parse.GetValue(rounds)), ct);
            }
            finally
            {
                foreach (var f in new[] { db, db + "-wal", db + "-shm" }) File.Delete(f);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(string db, IReadOnlyList<string> corpus, string questionFile, int rounds, CancellationToken ct)
    {
        var console = CommandContext.Console;
        await using var app = await NewsBotApp.CreateAsync(NewsBotConfiguration.Build(new Dictionary<string, string?> { ["Store:Path"] = db }));
        var pipeline = app.CreateIngestPipeline();

        console.WriteLine($"bench: ingesting {string.Join(", ", corpus)} into a fresh index…");
        var first = await pipeline.IngestAsync(corpus, cancellationToken: ct);
        var again = await pipeline.IngestAsync(corpus, cancellationToken: ct);
        if (!first.Succeeded) IngestCommand.WriteReport(console, first);

        var questions = File.Exists(questionFile) ? EvalQuestion.Load(questionFile) : [];
        var samples = new List<double>();
        foreach (var q in questions) await app.Engine.AskAsync(q.Question, cancellationToken: ct); // warm-up
        console.WriteLine($"bench: asking {questions.Count} questions × {rounds} rounds…");
        for (var r = 0; r < rounds; r++)
            foreach (var q in questions)
            {
                var clock = Stopwatch.StartNew();
                await app.Engine.AskAsync(q.Question, cancellationToken: ct);
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }
        var sorted = samples.Order().ToArray();
        var mb = first.Bytes / 1048576.0;
        var table = new Table().Border(TableBorder.Rounded).AddColumns("measure", "value");
        table.AddRow("documents", first.Documents.Count.ToString(CultureInfo.InvariantCulture));
        table.AddRow("stories / passages", $"{first.Stories:N0} / {first.Passages:N0}");
        table.AddRow("ingest (fresh index)", $"{first.Elapsed.TotalSeconds:0.00} s, {mb / first.Elapsed.TotalSeconds:0.00} MB/s ({mb:0.0} MB)");
        table.AddRow("re-ingest (unchanged)", $"{again.Elapsed.TotalSeconds:0.00} s");
        if (sorted.Length > 0)
        {
            table.AddRow("answer latency p50", $"{LatencyMetrics.Percentile(sorted, 0.50):0.00} ms");
            table.AddRow("answer latency p95", $"{LatencyMetrics.Percentile(sorted, 0.95):0.00} ms");
            table.AddRow("answers timed", sorted.Length.ToString(CultureInfo.InvariantCulture));
        }
        console.Write(table);
        return first.Succeeded ? CommandContext.Ok : CommandContext.SomeFailed;
    }
}
