using NewsBot.Conversation;
using NewsBot.Conversation.Streaming;
using System.CommandLine;
using NewsBot.Cli.Hosting;
using NewsBot.Cli.Rendering;
using Spectre.Console;

namespace NewsBot.Cli.Commands;

/// <summary><c>newsbot chat [--db FILE]</c>: ask questions one after another until "exit" or end of input.</summary>
public static class ChatCommand
{
    public static Command Create()
    {
        var command = new Command("chat", "Ask questions interactively");
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, app => RunAsync(app, ct)));
        return command;
    }

    public static async Task<int> RunAsync(NewsBotApp app, CancellationToken cancellationToken)
    {
        var console = CommandContext.Console;
        var stats = await app.Index.GetStatsAsync(cancellationToken);
        if (stats.Stories == 0)
            console.MarkupLine("[yellow]The index is empty.[/] Ingest documents first: ./newsbot ingest PATH...");
        console.MarkupLine($"[bold]NewsBot[/] — {stats.Stories:N0} stories from {stats.Documents:N0} documents. Ask about AI news; type [bold]exit[/] to leave.");
        string? conversation = null; // follow-ups ("what about Google?") continue the session's conversation
        while (!cancellationToken.IsCancellationRequested)
        {
            console.Markup("[bold green]you>[/] ");
            var line = await Console.In.ReadLineAsync(cancellationToken);
            if (line is null || line.Trim() is "exit" or "quit" or "/exit" or "/quit") break;
            if (line.Trim().Length == 0) continue;
            // A generated answer is shown as the model writes it; a quoted one appears whole.
            var streamed = false;
            await foreach (var e in app.Engine.StreamAsync(new UserMessage(line) { ConversationId = conversation }, cancellationToken))
            {
                switch (e)
                {
                    case DeltaEvent delta when app.Engine.Generates:
                        if (!streamed) console.WriteLine();
                        console.Write(delta.Text);
                        streamed = true;
                        break;
                    case ResetEvent reset:
                        console.WriteLine();
                        console.MarkupLine($"[grey](That answer is withdrawn: {Markup.Escape(reset.Reason)}. Quoting the sources instead.)[/]");
                        streamed = false;
                        break;
                    case DoneEvent done:
                        conversation = done.Reply.Answer.ConversationId;
                        AnswerRenderer.Write(console, done.Reply.Answer, textShown: streamed);
                        break;
                }
            }
        }
        return CommandContext.Ok;
    }
}
