using System.CommandLine;
using NewsBot.Cli.Commands;

var root = new RootCommand("NewsBot: answers questions about AI news with cited stories")
{
    CommandContext.Db,
    IngestCommand.Create(),
    AskCommand.Create(),
    ChatCommand.Create(),
    EvalCommand.Create(),
    StatsCommand.Create(),
    BenchCommand.Create(),
    StartCommand.Create(),
    ServeCommand.Create(),
    EmbedCommand.Create(),
    ModelsCommand.Create(),
    TeamsCommand.Create(),
    MigrateCommand.Create(),
};
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine("newsbot: " + error.Message);
    Console.Error.WriteLine("Run './newsbot --help' (or './newsbot COMMAND --help') for the commands and their options.");
    return CommandContext.UsageError;
}
return await parse.InvokeAsync();
