using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NewsBot.Cli.Hosting;
using NewsBot.Cli.Rendering;
using NewsBot.Evaluation;
using NewsBot.Retrieval;
using Spectre.Console;

namespace NewsBot.Cli.Commands;

/// <summary><c>newsbot eval [--db FILE] --questions FILE [--k N] [--json] [--mode lexical|dense|hybrid] [--compare]</c>: scores a question set as shared/eval/README.md defines.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var questions = new Option<FileInfo>("--questions") { Description = "A .jsonl question set", Required = true };
        var k = new Option<int>("--k") { Description = "Passages retrieved and scored per question", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var details = new Option<bool>("--details") { Description = "Also print each question's rank, hit and answer" };
        var mode = new Option<RetrievalMode?>("--mode") { Description = "Retrieval to score: lexical, dense or hybrid (default: hybrid with an embedding model, else lexical)" };
        var compare = new Option<bool>("--compare") { Description = "Score lexical, dense and hybrid side by side, per kind" };
        var answerer = new Option<string?>("--answerer") { Description = "llm: score the language model's answers (Llm) beside the extractive answerer's; extractive: quoting only" };
        answerer.AcceptOnlyFromAmong("extractive", "llm");
        var command = new Command("eval", "Score retrieval and answers on a question set") { questions, k, json, details, mode, compare, answerer };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, async app =>
        {
            var file = parse.GetValue(questions)!;
            var console = CommandContext.Console;
            if (!file.Exists)
            {
                console.MarkupLine($"[red]No question set at {Markup.Escape(file.FullName)}.[/] Pass --questions with a .jsonl file such as ../shared/eval/questions.dev.jsonl.");
                return CommandContext.UsageError;
            }
            if (parse.GetValue(k) is < 1 or > 100)
            {
                console.MarkupLine("[red]--k must be between 1 and 100.[/]");
                return CommandContext.UsageError;
            }
            IReadOnlyList<EvalQuestion> set;
            try { set = EvalQuestion.Load(file.FullName); }
            catch (FormatException e)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return CommandContext.UsageError;
            }
            var asJson = parse.GetValue(json);
            var chosen = parse.GetValue(mode);
            var modes = parse.GetValue(compare) ? [RetrievalMode.Lexical, RetrievalMode.Dense, RetrievalMode.Hybrid]
                : chosen is { } one ? [one] : new[] { app.Engine.HasDenseArm ? RetrievalMode.Hybrid : RetrievalMode.Lexical };
            if (!app.Engine.HasDenseArm && modes.Any(m => m != RetrievalMode.Lexical))
            {
                console.MarkupLine("[red]Dense and hybrid retrieval need an embedding model.[/] Run ./newsbot setup (it builds use-lite), check Embeddings:Model, then ingest again so passages get vectors.");
                return CommandContext.UsageError;
            }
            if (parse.GetValue(answerer) is { } which)
                return which == "llm"
                    ? await CompareAnswerersAsync(app, set, parse.GetValue(k), modes[^1], asJson, ct)
                    : Print(await new Evaluator(app.CreateExtractiveEngine(), app.Index).RunAsync(set, parse.GetValue(k), Progress(asJson, "extractive", set.Count), ct, modes[^1]));

            var reports = new List<(RetrievalMode Mode, EvalReport Report)>();
            foreach (var m in modes)
            {
                var label = m.ToString().ToLowerInvariant();
                var progress = asJson ? null : new Progress<int>(done => { if (done % 10 == 0 || done == set.Count) console.WriteLine($"eval ({label}): {done}/{set.Count} questions"); });
                reports.Add((m, await app.CreateEvaluator().RunAsync(set, parse.GetValue(k), progress, ct, m)));
            }
            if (reports.Count > 1)
            {
                if (asJson) Console.Out.WriteLine(JsonSerializer.Serialize(reports.ToDictionary(r => r.Mode.ToString().ToLowerInvariant(), r => r.Report), AnswerRenderer.Json));
                else WriteComparison(console, reports);
                return CommandContext.Ok;
            }
            return Print(reports[0].Report);

            int Print(EvalReport report)
            {
                if (asJson) Console.Out.WriteLine(JsonSerializer.Serialize(report, AnswerRenderer.Json));
                else
                {
                    if (parse.GetValue(details)) WriteDetails(console, report);
                    Write(console, report);
                }
                return CommandContext.Ok;
            }
        }));
        return command;
    }

    private static Progress<int>? Progress(bool quiet, string label, int count) =>
        quiet ? null : new Progress<int>(done => { if (done % 10 == 0 || done == count) CommandContext.Console.WriteLine($"eval ({label}): {done}/{count} questions"); });

    /// <summary>The configured language model's answers scored beside the extractive answerer's, on the same retrieval mode.</summary>
    private static async Task<int> CompareAnswerersAsync(NewsBotApp app, IReadOnlyList<EvalQuestion> set, int k, RetrievalMode mode, bool asJson, CancellationToken ct)
    {
        var console = CommandContext.Console;
        if (!app.Engine.Generates)
        {
            console.MarkupLine("[red]--answerer llm needs a language model.[/] Set Llm:Provider (OpenAI, AzureOpenAI or OpenAICompatible), Llm:Model, Llm:BaseUrl where needed and NEWSBOT__LLM__APIKEY, then run eval again.");
            return CommandContext.UsageError;
        }
        var extractive = await new Evaluator(app.CreateExtractiveEngine(), app.Index).RunAsync(set, k, Progress(asJson, "extractive", set.Count), ct, mode);
        var llm = await new Evaluator(app.Engine, app.Index).RunAsync(set, k, Progress(asJson, "llm", set.Count), ct, mode);
        var fallbacks = llm.Outcomes.Count(o => o.Answer.Author == Domain.AnswerAuthor.ExtractiveFallback);
        if (asJson)
        {
            var both = new System.Text.Json.Nodes.JsonObject
            {
                ["extractive"] = JsonSerializer.SerializeToNode(extractive, AnswerRenderer.Json),
                ["llm"] = JsonSerializer.SerializeToNode(llm, AnswerRenderer.Json),
                ["llm_fallbacks"] = fallbacks,
            };
            Console.Out.WriteLine(both.ToJsonString(AnswerRenderer.Json));
            return CommandContext.Ok;
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumns("measure", "extractive", "llm");
        void Row(string name, Func<EvalReport, string> value) => table.AddRow(name, value(extractive), value(llm));
        Row("answer_hit", r => F(r.AnswerHit));
        Row("citation_hit", r => F(r.CitationHit));
        Row("citation_precision", r => F(r.CitationPrecision));
        Row("abstention", r => r.Abstention is { } a ? F(a) : "-");
        Row("false_abstention", r => F(r.FalseAbstention));
        Row("recall@5 (retrieval)", r => F(r.RecallAt5));
        Row("mrr@10 (retrieval)", r => F(r.MrrAt10));
        Row("p50 ms", r => r.Latency.P50.ToString("0", CultureInfo.InvariantCulture));
        console.Write(table);
        console.WriteLine($"llm: {fallbacks} of {set.Count} answers fell back to quoting (an error, a timeout, or no valid citation).");
        return CommandContext.Ok;
    }

    public static void Write(IAnsiConsole console, EvalReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("kind", "n", "recall@1", "recall@5", "recall@10", "mrr@10", "answer_hit", "citation_hit", "citation_precision", "abstention", "false_abstention");
        void Row(string kind, EvalMetrics m) => table.AddRow(kind, m.N.ToString(CultureInfo.InvariantCulture), F(m.RecallAt1), F(m.RecallAt5), F(m.RecallAt10), F(m.MrrAt10),
            F(m.AnswerHit), F(m.CitationHit), F(m.CitationPrecision), m.Abstention is { } a ? F(a) : "-", F(m.FalseAbstention));
        foreach (var (kind, m) in report.ByKind) Row(kind, m);
        Row("all", report.Overall);
        console.Write(table);
        console.MarkupLine($"answer latency: p50 {report.Latency.P50:0.0} ms, p95 {report.Latency.P95:0.0} ms");
    }

    /// <summary>One table: a row per kind and mode, so each kind's lexical, dense and hybrid figures sit together.</summary>
    public static void WriteComparison(IAnsiConsole console, IReadOnlyList<(RetrievalMode Mode, EvalReport Report)> reports)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("kind", "mode", "n", "recall@1", "recall@5", "recall@10", "mrr@10", "answer_hit", "citation_hit", "abstention", "p50 ms");
        var kinds = reports[0].Report.ByKind.Keys.Append("all");
        foreach (var kind in kinds)
            foreach (var (mode, report) in reports)
            {
                var m = kind == "all" ? report.Overall : report.ByKind[kind];
                table.AddRow(kind, mode.ToString().ToLowerInvariant(), m.N.ToString(CultureInfo.InvariantCulture), F(m.RecallAt1), F(m.RecallAt5), F(m.RecallAt10),
                    F(m.MrrAt10), F(m.AnswerHit), F(m.CitationHit), m.Abstention is { } a ? F(a) : "-",
                    kind == "all" ? report.Latency.P50.ToString("0.0", CultureInfo.InvariantCulture) : "");
            }
        console.Write(table);
    }

    private static void WriteDetails(IAnsiConsole console, EvalReport report)
    {
        foreach (var o in report.Outcomes)
        {
            var rank = o.FirstSupportingRank?.ToString(CultureInfo.InvariantCulture) ?? "-";
            var first = o.Answer.Text.Split('\n')[0];
            console.WriteLine($"{o.Question.Id} {o.Question.Kind,-12} rank {rank,-2} hit {(o.AnswerHit ? 1 : 0)} cited {o.CitedSupporting}/{o.Cited} {(o.Abstained ? "ABSTAINED " : "")}{o.Question.Question}");
            console.WriteLine($"      {(first.Length > 160 ? first[..160] + "…" : first)}");
        }
    }

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
