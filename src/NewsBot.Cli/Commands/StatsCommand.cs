using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace NewsBot.Cli.Commands;

/// <summary><c>newsbot stats [--db FILE]</c>: what the index holds, by publication, kind and year.</summary>
public static class StatsCommand
{
    public static Command Create()
    {
        var command = new Command("stats", "Count documents and stories by publication, kind and year");
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, async app =>
        {
            var stats = await app.Index.GetStatsAsync(ct);
            var console = CommandContext.Console;
            console.MarkupLine($"[bold]{stats.Documents:N0}[/] documents, [bold]{stats.Stories:N0}[/] stories, [bold]{stats.Passages:N0}[/] passages in {Markup.Escape(app.Store.Path)}");
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Publication", "Kind", "Year", "Documents", "Stories");
            foreach (var row in stats.Rows.OrderBy(r => r.Publication).ThenBy(r => r.Kind).ThenBy(r => r.Year ?? int.MaxValue))
                table.AddRow(Markup.Escape(row.Publication), row.Kind.ToString().ToLowerInvariant(), row.Year?.ToString(CultureInfo.InvariantCulture) ?? "unknown",
                    row.Documents.ToString("N0", CultureInfo.InvariantCulture), row.Stories.ToString("N0", CultureInfo.InvariantCulture));
            console.Write(table);
            return CommandContext.Ok;
        }));
        return command;
    }
}
