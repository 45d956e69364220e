using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NewsBot.Cli.Rendering;
using NewsBot.Evaluation;
using Spectre.Console;

namespace NewsBot.Cli.Commands;

/// <summary><c>newsbot eval [--db FILE] --questions FILE [--k N] [--json]</c>: scores a question set as shared/eval/README.md defines.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var questions = new Option<FileInfo>("--questions") { Description = "A .jsonl question set", Required = true };
        var k = new Option<int>("--k") { Description = "Passages retrieved and scored per question", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var details = new Option<bool>("--details") { Description = "Also print each question's rank, hit and answer" };
        var command = new Command("eval", "Score retrieval and answers on a question set") { questions, k, json, details };
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
            var progress = asJson ? null : new Progress<int>(done => { if (done % 10 == 0 || done == set.Count) console.WriteLine($"eval: {done}/{set.Count} questions"); });
            var report = await app.CreateEvaluator().RunAsync(set, parse.GetValue(k), progress, ct);
            if (asJson) Console.Out.WriteLine(JsonSerializer.Serialize(report, AnswerRenderer.Json));
            else
            {
                if (parse.GetValue(details)) WriteDetails(console, report);
                Write(console, report);
            }
            return CommandContext.Ok;
        }));
        return command;
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
