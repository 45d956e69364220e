using System.CommandLine;
using NewsBot.Cli.Rendering;

namespace NewsBot.Cli.Commands;

/// <summary><c>newsbot ask [--db FILE] [--json] "question"</c>.</summary>
public static class AskCommand
{
    public static Command Create()
    {
        var question = new Argument<string>("question") { Description = "The question, in quotes" };
        var json = new Option<bool>("--json") { Description = "Print the Answer object as JSON" };
        var command = new Command("ask", "Answer one question with cited stories") { question, json };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, async app =>
        {
            var reply = await app.Engine.AskAsync(parse.GetValue(question)!, cancellationToken: ct);
            if (parse.GetValue(json)) Console.Out.WriteLine(AnswerRenderer.ToJson(reply.Answer));
            else AnswerRenderer.Write(CommandContext.Console, reply.Answer);
            return CommandContext.Ok;
        }));
        return command;
    }
}
