using System.CommandLine;

namespace NewsBot.Cli.Commands;

/// <summary><c>newsbot start [--db FILE] PATH...</c>: ingest what is given (unchanged files are skipped), then chat.</summary>
public static class StartCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files or folders to ingest before chatting", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("start", "Ingest the given folders, then open the chat") { paths };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, async app =>
        {
            var given = parse.GetValue(paths) ?? [];
            var ingested = given.Length == 0 ? CommandContext.Ok : await IngestCommand.RunAsync(app, given, ct);
            await ChatCommand.RunAsync(app, ct);
            return ingested;
        }));
        return command;
    }
}
