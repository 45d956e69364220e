using System.CommandLine;

namespace NewsBot.Cli.Commands;

/// <summary>
/// <c>newsbot start [--db FILE] [--urls URL] PATH...</c>: ingest what is given (unchanged files are skipped), then
/// serve the API and the chat widget. The README's first command.
/// </summary>
public static class StartCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files or folders to ingest before serving", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("start", "Ingest the given folders, then serve the API and the chat widget") { paths, ServeCommand.Urls };
        command.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(paths) ?? [];
            if (given.Length > 0)
            {
                var ingested = await CommandContext.RunAsync(parse, app => IngestCommand.RunAsync(app, given, ct));
                if (ingested == CommandContext.UsageError || ct.IsCancellationRequested) return ingested;
                // Some documents failing (reported above) does not stop the rest from being served.
            }
            return await ServeCommand.RunAsync(parse, ct);
        });
        return command;
    }
}
