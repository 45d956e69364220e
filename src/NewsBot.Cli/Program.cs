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
};
return await root.Parse(args).InvokeAsync();
