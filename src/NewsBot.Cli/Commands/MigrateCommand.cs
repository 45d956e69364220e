using System.CommandLine;
using System.Globalization;
using NewsBot.Cli.Hosting;
using NewsBot.Cli.Migration;
using NewsBot.Index.Sqlite;
using NewsBot.Qdrant;
using NewsBot.Qdrant.Http;
using Spectre.Console;

namespace NewsBot.Cli.Commands;

/// <summary>
/// <c>newsbot migrate --to qdrant [--db FILE]</c>: copies the embedded index (the SQLite file) into the Qdrant
/// collection configured under <c>VectorStore:Qdrant</c>, vectors included, without parsing or embedding again.
/// </summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var to = new Option<string>("--to") { Description = "The store to copy the embedded index into: qdrant", Required = true };
        to.AcceptOnlyFromAmong("qdrant");
        var command = new Command("migrate", "Copy the embedded index into Qdrant (VectorStore:Qdrant), without re-embedding") { to };
        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var console = CommandContext.Console;
        StoreOptions store;
        VectorStoreOptions vectorStore;
        try
        {
            (store, vectorStore, _) = NewsBotApp.ReadStoreOptions(NewsBotConfiguration.Build(CommandContext.Overrides(parse)));
        }
        catch (ConfigurationException e)
        {
            CommandContext.ReportConfigurationErrors(e);
            return CommandContext.UsageError;
        }
        if (!File.Exists(store.Path))
        {
            console.MarkupLine($"[red]No embedded index at {Markup.Escape(store.Path)}.[/] Ingest first (./newsbot ingest PATH...), or name the file with --db.");
            return CommandContext.UsageError;
        }

        await using var source = await SqliteNewsIndex.OpenAsync(store.Path, new SqliteIndexOptions { TitleWeight = store.TitleWeight }, cancellationToken);
        var state = await source.GetEmbeddingStateAsync(cancellationToken);
        if (state.Model is null)
        {
            console.MarkupLine("[red]The embedded index has no vectors[/], and a Qdrant collection is sized by them. Embed it first: ./newsbot ingest --reembed <folders> (with Embeddings:Model set), then migrate.");
            return CommandContext.UsageError;
        }
        if (state.PassagesWithoutVectors > 0)
            console.MarkupLine($"[yellow]{state.PassagesWithoutVectors:N0} passages have no vectors yet[/]; they are copied without, and ./newsbot ingest with VectorStore:Kind Qdrant embeds them later.");

        QdrantNewsIndex target;
        try
        {
            target = await QdrantNewsIndex.OpenAsync(vectorStore.Qdrant, state.Model, store.TitleWeight, cancellationToken: cancellationToken);
        }
        catch (QdrantException e)
        {
            console.MarkupLine("[red]" + Markup.Escape(e.Message) + "[/]");
            return CommandContext.UsageError;
        }
        await using (target)
        {
            console.WriteLine($"migrate: {store.Path} ({state.Model}) → {target.Location}");
            MigrationReport report;
            try
            {
                report = await WithProgressAsync(console, p => new IndexMigration(source, target).RunAsync(p, cancellationToken));
            }
            catch (QdrantException e)
            {
                console.MarkupLine("[red]Migration stopped:[/] " + Markup.Escape(e.Message));
                console.MarkupLine("Documents copied so far are in Qdrant; run the same command again to go on from there.");
                return CommandContext.SomeFailed;
            }
            catch (OperationCanceledException)
            {
                console.MarkupLine("[yellow]Migration interrupted.[/] Run the same command again to go on: documents already copied are skipped.");
                return CommandContext.SomeFailed;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Documents", "Copied", "Already there", "Stories", "Passages", "Vectors", "Seconds");
            table.AddRow(N(report.Documents), N(report.Copied), N(report.AlreadyThere), N(report.Stories), N(report.Passages), N(report.Vectors),
                report.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
            console.Write(table);
            var (from, to) = (await source.GetStatsAsync(cancellationToken), await target.GetStatsAsync(cancellationToken));
            console.WriteLine($"embedded: {from.Documents:N0} documents, {from.Stories:N0} stories, {from.Passages:N0} passages; " +
                              $"Qdrant: {to.Documents:N0} documents, {to.Stories:N0} stories, {to.Passages:N0} passages.");
            console.WriteLine("Serve from Qdrant with VectorStore:Kind set to Qdrant (NEWSBOT__VECTORSTORE__KIND=Qdrant).");
            return CommandContext.Ok;
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static async Task<MigrationReport> WithProgressAsync(IAnsiConsole console, Func<IProgress<MigrationProgress>, Task<MigrationReport>> run)
    {
        if (!console.Profile.Capabilities.Interactive)
            return await run(new LineProgress(console));
        MigrationReport? report = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Migrating", maxValue: 1);
                report = await run(new Progress<MigrationProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = Markup.Escape(p.Current is null ? "Migrated" : Path.GetFileName(p.Current));
                }));
                task.Value = task.MaxValue;
            });
        return report!;
    }

    /// <summary>Without a terminal (CI, pipes) progress is a line every 10%.</summary>
    private sealed class LineProgress(IAnsiConsole console) : IProgress<MigrationProgress>
    {
        private int _lastDecile = -1;

        public void Report(MigrationProgress value)
        {
            var decile = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            if (decile == _lastDecile) return;
            _lastDecile = decile;
            console.WriteLine($"migrate: {value.Done}/{value.Total} documents");
        }
    }
}
