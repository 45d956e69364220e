using System.CommandLine;
using System.Globalization;
using NewsBot.Cli.Hosting;
using NewsBot.Index.Embeddings;
using NewsBot.Ingestion.Pipeline;
using Spectre.Console;

namespace NewsBot.Cli.Commands;

/// <summary><c>newsbot ingest [--db FILE] [--reembed] PATH...</c>: files or folders (recursive) into the index.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files or folders to ingest (folders are read recursively)", Arity = ArgumentArity.OneOrMore };
        var reembed = new Option<bool>("--reembed") { Description = "Embed every passage again with the configured embedding model (after changing the model or the embedding targets)" };
        var command = new Command("ingest", "Read digests, newsletters and transcripts into the index") { paths, reembed };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, app => RunAsync(app, parse.GetValue(paths)!, parse.GetValue(reembed), ct)));
        return command;
    }

    public static Task<int> RunAsync(NewsBotApp app, IReadOnlyList<string> paths, CancellationToken cancellationToken) =>
        RunAsync(app, paths, reembed: false, cancellationToken);

    public static async Task<int> RunAsync(NewsBotApp app, IReadOnlyList<string> paths, bool reembed, CancellationToken cancellationToken)
    {
        var console = CommandContext.Console;
        var pipeline = app.CreateIngestPipeline();
        IngestReport report;
        try
        {
            report = await WithProgressAsync(console, p => reembed ? pipeline.ReembedAsync(paths, p, cancellationToken) : pipeline.IngestAsync(paths, p, cancellationToken));
        }
        catch (InvalidOperationException e) when (e is EmbeddingModelMismatchException || reembed)  // or --reembed without a model configured
        {
            console.MarkupLine($"[red]Cannot ingest:[/] {Markup.Escape(e.Message)}");
            return CommandContext.UsageError;
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("[yellow]Ingest interrupted.[/] Documents finished so far are in the index; the one in progress was rolled back. Run the same command again to continue.");
            return CommandContext.SomeFailed;
        }
        WriteReport(console, report);
        return report.Succeeded ? CommandContext.Ok : CommandContext.SomeFailed;
    }

    private static async Task<IngestReport> WithProgressAsync(IAnsiConsole console, Func<IProgress<IngestProgress>, Task<IngestReport>> run)
    {
        if (!console.Profile.Capabilities.Interactive)
            return await run(new LineProgress(console));
        IngestReport? report = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Ingesting", maxValue: 1);
                report = await run(new Progress<IngestProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = Markup.Escape(Describe(p));
                }));
                task.Value = task.MaxValue;
            });
        return report!;
    }

    private static string Describe(IngestProgress p) =>
        (p.Current is not null ? Path.GetFileName(p.Current)
            : p.StoredPassagesToEmbed > 0 ? $"Embedding stored passages {p.StoredPassagesEmbedded}/{p.StoredPassagesToEmbed}"
            : "Ingested")
        + (p.TextsEmbedded > 0 ? $" ({p.TextsEmbedded} texts embedded)" : "");

    /// <summary>Without a terminal (CI, pipes) progress is a line every 10%, and while embedding a line every 1000 texts.</summary>
    private sealed class LineProgress(IAnsiConsole console) : IProgress<IngestProgress>
    {
        private const int TextsPerLine = 1000;
        private int _lastDecile = -1;
        private int _lastThousands;
        public void Report(IngestProgress value)
        {
            var decile = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            var thousands = value.TextsEmbedded / TextsPerLine;
            if (decile == _lastDecile && thousands == _lastThousands) return;
            _lastDecile = decile;
            _lastThousands = thousands;
            console.WriteLine(value.TextsEmbedded > 0
                ? $"ingest: {value.Done}/{value.Total} files, {value.TextsEmbedded} texts embedded"
                : $"ingest: {value.Done}/{value.Total} files");
        }
    }

    public static void WriteReport(IAnsiConsole console, IngestReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Documents", "Added", "Updated", "Unchanged", "Skipped", "Stories", "Passages", "MB", "Seconds");
        table.AddRow(
            report.Documents.Count.ToString(CultureInfo.InvariantCulture),
            report.Count(DocumentStatus.Added).ToString(CultureInfo.InvariantCulture),
            report.Count(DocumentStatus.Updated).ToString(CultureInfo.InvariantCulture),
            report.Count(DocumentStatus.Unchanged).ToString(CultureInfo.InvariantCulture),
            report.Count(DocumentStatus.Failed).ToString(CultureInfo.InvariantCulture),
            report.Stories.ToString(CultureInfo.InvariantCulture),
            report.Passages.ToString(CultureInfo.InvariantCulture),
            (report.Bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture),
            report.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture));
        console.Write(table);
        var failures = report.Failures.ToList();
        if (failures.Count == 0) return;
        var skipped = new Table().Border(TableBorder.Rounded).Title("[red]Skipped[/]").AddColumns("File", "Reason");
        foreach (var f in failures) skipped.AddRow(Markup.Escape(f.Path), Markup.Escape(f.Error ?? ""));
        console.Write(skipped);
        console.MarkupLine("[yellow]Fix or remove the files above and run the same command again; the rest is already in the index.[/]");
    }
}
