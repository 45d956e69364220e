using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NewsBot.Cli.Benchmarks;
using NewsBot.Cli.Hosting;
using NewsBot.Embeddings;
using NewsBot.Embeddings.UseLite;
using NewsBot.Evaluation;
using Spectre.Console;

namespace NewsBot.Cli.Commands;

/// <summary>
/// <c>newsbot bench embeddings [--passages N] [--threads N] [--batch N] [--repeats N] [--no-reference]</c>: embedding
/// throughput of NewsBot's USE-Lite (float and int8) beside the reference TF.js implementation, on the same 100-word
/// passages in the same run, with the cosine of each to the reference's vectors; then single-question latency.
/// </summary>
public static class BenchEmbeddingsCommand
{
    private const int WarmUpPassages = 32;

    public static Command Create()
    {
        var passages = new Option<int>("--passages") { Description = "100-word passages to embed", DefaultValueFactory = _ => 512 };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads", DefaultValueFactory = _ => 2 };
        var batch = new Option<int>("--batch") { Description = "Passages per inference (NewsBot and the reference)", DefaultValueFactory = _ => 32 };
        var repeats = new Option<int>("--repeats") { Description = "Timed passes of NewsBot's models; the median is reported", DefaultValueFactory = _ => 3 };
        var corpus = new Option<DirectoryInfo?>("--corpus") { Description = "Folder the passages are cut from (default: <shared>/corpus/digests)" };
        var questions = new Option<FileInfo?>("--questions") { Description = "Questions for query latency (default: <shared>/eval/questions.dev.jsonl)" };
        var noReference = new Option<bool>("--no-reference") { Description = "Skip the TF.js reference (Node)" };
        var command = new Command("embeddings", "Embedding throughput and query latency of USE-Lite (float, int8) beside the TF.js reference")
        {
            passages, threads, batch, repeats, corpus, questions, noReference,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new Settings(
                Math.Max(1, parse.GetValue(passages)), Math.Max(1, parse.GetValue(threads)), Math.Max(1, parse.GetValue(batch)),
                Math.Max(1, parse.GetValue(repeats)),
                parse.GetValue(corpus)?.FullName ?? SharedFolder.Path("corpus", "digests"),
                parse.GetValue(questions)?.FullName ?? SharedFolder.Path("eval", "questions.dev.jsonl"),
                !parse.GetValue(noReference));
            return await RunAsync(settings, ct);
        });
        return command;
    }

    private sealed record Settings(int Passages, int Threads, int Batch, int Repeats, string Corpus, string Questions, bool Reference);

    private sealed record Measured(string Impl, int Threads, double PassagesPerSecond, IReadOnlyList<float[]> Vectors);

    private static async Task<int> RunAsync(Settings settings, CancellationToken ct)
    {
        var console = CommandContext.Console;
        var log = Console.Error;
        var options = OptionsBinding.Bind<EmbeddingOptions>(NewsBotConfiguration.Build(), EmbeddingOptions.Section, o => o.Validate());

        var texts = BenchPassages.Build(settings.Corpus, settings.Passages);
        var jsonl = Path.Combine(Path.GetTempPath(), $"newsbot-bench-passages-{Guid.NewGuid():N}.jsonl");
        BenchPassages.WriteJsonl(jsonl, texts);
        try
        {
            UseLiteVariant[] variants =
            [
                new("newsbot onnx float", Quantized: false, settings.Threads, settings.Batch),
                new("newsbot onnx int8", Quantized: true, settings.Threads, settings.Batch),
            ];
            var measured = new List<Measured>();
            var queryLatency = new List<Percentiles>();
            var againstReferenceFile = new Dictionary<string, CosineSummary?>();
            foreach (var variant in variants)
            {
                log.WriteLine($"bench: {variant.Name}, {settings.Passages} passages × {settings.Repeats} passes…");
                using var generator = variant.Open(options, log);
                measured.Add(await ThroughputAsync(variant.Name, variant.Threads, generator, texts, settings.Repeats, ct));
                queryLatency.Add(await QueryLatencyAsync(variant.Name, generator, settings.Questions, ct));
                againstReferenceFile[variant.Name] = await ReferenceFileCosineAsync(generator, ct);
            }

            ReferenceRun? reference = settings.Reference ? RunReference(jsonl, settings.Batch, log) : null;
            var referenceVectors = reference?.Vectors;

            var table = new Table().Border(TableBorder.Rounded)
                .AddColumns("impl", "threads", "passages/s", "× reference", "cosine to reference run, mean / min", "cosine to reference.jsonl, mean / min");
            if (reference is not null)
                table.AddRow(reference.Impl, reference.Threads.ToString(CultureInfo.InvariantCulture), $"{reference.PassagesPerSecond:0.00}", "1.00", "-", "-");
            foreach (var m in measured)
                table.AddRow(m.Impl, m.Threads.ToString(CultureInfo.InvariantCulture), $"{m.PassagesPerSecond:0.00}",
                    reference is null ? "-" : $"{m.PassagesPerSecond / reference.PassagesPerSecond:0.00}",
                    CosineSummary.Compare(m.Vectors, referenceVectors)?.ToString() ?? "-",
                    againstReferenceFile[m.Impl]?.ToString() ?? "-");
            console.WriteLine($"embeddings: {settings.Passages} passages of 100 words, batch {settings.Batch}; NewsBot figures are the median of {settings.Repeats} passes");
            console.Write(table);
            var int8ToFloat = CosineSummary.Compare(measured[1].Vectors, measured[0].Vectors);
            if (int8ToFloat is not null) console.WriteLine($"int8 vs float on the passages, cosine mean / min: {int8ToFloat}");

            var latency = new Table().Border(TableBorder.Rounded).AddColumns("query embedding (one question)", "p50 ms", "p95 ms", "samples");
            foreach (var p in queryLatency)
                latency.AddRow(p.Name, $"{p.P50:0.00}", $"{p.P95:0.00}", p.Count.ToString(CultureInfo.InvariantCulture));
            console.Write(latency);
            return CommandContext.Ok;
        }
        finally
        {
            File.Delete(jsonl);
        }
    }

    private static async Task<Measured> ThroughputAsync(string name, int threads, UseLiteEmbeddingGenerator generator, IReadOnlyList<string> texts,
        int repeats, CancellationToken ct)
    {
        await generator.GenerateAsync(texts.Take(WarmUpPassages).ToList(), cancellationToken: ct);
        var seconds = new List<double>();
        IReadOnlyList<float[]> vectors = [];
        for (var r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            var embeddings = await generator.GenerateAsync(texts, cancellationToken: ct);
            seconds.Add(clock.Elapsed.TotalSeconds);
            vectors = embeddings.Select(e => e.Vector.ToArray()).ToList();
        }
        var median = seconds.Order().ElementAt(seconds.Count / 2);
        return new Measured(name, threads, texts.Count / median, vectors);
    }

    // One question per call, as a user's question arrives: this is the latency the answer path pays.
    private static async Task<Percentiles> QueryLatencyAsync(string name, UseLiteEmbeddingGenerator generator, string questionFile, CancellationToken ct)
    {
        var latency = new Percentiles(name);
        if (!File.Exists(questionFile)) return latency;
        var questions = EvalQuestion.Load(questionFile).Select(q => q.Question).ToList();
        foreach (var q in questions) await generator.GenerateAsync([q], EmbeddingPurpose.ForQuery(), ct); // warm-up
        for (var round = 0; round < 5; round++)
            foreach (var q in questions)
                await latency.TimeAsync(() => generator.GenerateAsync([q], EmbeddingPurpose.ForQuery(), ct));
        return latency;
    }

    // The TF.js original's vectors for 243 texts (shared/reference/use-lite), including very long and empty ones.
    private static async Task<CosineSummary?> ReferenceFileCosineAsync(UseLiteEmbeddingGenerator generator, CancellationToken ct)
    {
        var file = SharedFolder.Path("reference", "use-lite", "reference.jsonl");
        if (!File.Exists(file)) return null;
        var lines = File.ReadLines(file).Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<ReferenceLine>(l, JsonSerializerOptions.Web)!).ToList();
        var embeddings = await generator.GenerateAsync(lines.Select(l => l.Text).ToList(), cancellationToken: ct);
        return CosineSummary.Compare(embeddings.Select(e => e.Vector.ToArray()).ToList(), lines.Select(l => l.Embedding).ToList());
    }

    private static ReferenceRun? RunReference(string jsonl, int batch, TextWriter log)
    {
        if (ReferenceTfjs.Locate() is not { } reference)
        {
            log.WriteLine("bench: bench/reference-tfjs not found above this program; skipping the reference.");
            return null;
        }
        if (!ReferenceTfjs.NodeIsAvailable())
        {
            log.WriteLine("bench: node is not installed; skipping the reference. Install Node.js 20+ to compare.");
            return null;
        }
        if (!reference.IsInstalled && !reference.Install(log))
        {
            log.WriteLine("bench: npm ci failed in bench/reference-tfjs (see above); skipping the reference.");
            return null;
        }
        log.WriteLine("bench: the TF.js reference (tfjs-wasm in Node) on the same passages…");
        return reference.Run(jsonl, batch, log);
    }

    private sealed record ReferenceLine(string Text, float[] Embedding);
}
