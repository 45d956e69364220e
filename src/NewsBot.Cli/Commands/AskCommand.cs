using System.CommandLine;
using NewsBot.Cli.Rendering;
using NewsBot.Domain;
using NewsBot.Index;

namespace NewsBot.Cli.Commands;

/// <summary><c>newsbot ask [--db FILE] [--json] [--from DATE] [--to DATE] [--publication NAME] [--kind KIND] "question"</c>.</summary>
public static class AskCommand
{
    public static Command Create()
    {
        var question = new Argument<string>("question") { Description = "The question, in quotes" };
        var json = new Option<bool>("--json") { Description = "Print the Answer object as JSON" };
        var from = new Option<DateOnly?>("--from") { Description = "Only stories dated on or after this day (yyyy-MM-dd)" };
        var to = new Option<DateOnly?>("--to") { Description = "Only stories dated on or before this day (yyyy-MM-dd)" };
        var publication = new Option<string[]>("--publication") { Description = "Only stories from this publication (repeatable)", AllowMultipleArgumentsPerToken = false };
        var kind = new Option<DocumentKind[]>("--kind") { Description = "Only stories from this kind of document: digest, newsletter, transcript (repeatable)" };
        var command = new Command("ask", "Answer one question with cited stories") { question, json, from, to, publication, kind };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, async app =>
        {
            var filter = new SearchFilter
            {
                From = parse.GetValue(from),
                To = parse.GetValue(to),
                Publications = parse.GetValue(publication) is { Length: > 0 } p ? p : null,
                Kinds = parse.GetValue(kind) is { Length: > 0 } k ? k : null,
            };
            var reply = await app.Engine.AskAsync(parse.GetValue(question)!, filter, ct);
            if (parse.GetValue(json)) Console.Out.WriteLine(AnswerRenderer.ToJson(reply.Answer));
            else AnswerRenderer.Write(CommandContext.Console, reply.Answer);
            return CommandContext.Ok;
        }));
        return command;
    }
}
