using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsBot.Cli.Hosting;
using NewsBot.Discord;
using NewsBot.Teams;
using Spectre.Console;

namespace NewsBot.Cli.Commands;

/// <summary><c>newsbot serve [--db FILE] [--urls URL]</c>: the HTTP API, the chat widget and its demo page, and Teams' messaging endpoint, until Ctrl+C.</summary>
public static class ServeCommand
{
    public static readonly Option<string?> Urls = new("--urls")
    {
        Description = $"Where to listen, e.g. http://0.0.0.0:8080 (default: the urls setting, else {ServerHost.DefaultUrls}); several separated by ';'",
    };

    public static Command Create()
    {
        var command = new Command("serve", "Serve the HTTP API and the chat widget") { Urls };
        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var configuration = NewsBotConfiguration.Build(CommandContext.Overrides(parse));
        IHost host;
        try
        {
            host = ServerHost.CreateHostBuilder(configuration, parse.GetValue(Urls)).Build();
        }
        catch (ConfigurationException e)
        {
            CommandContext.ReportConfigurationErrors(e);
            return CommandContext.UsageError;
        }
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (IOException e) // Kestrel could not bind: the port is taken or not allowed
        {
            CommandContext.Console.MarkupLine($"[red]Cannot listen:[/] {Markup.Escape(e.Message)}");
            CommandContext.Console.MarkupLine("Choose another address with --urls (e.g. --urls http://127.0.0.1:5081), or stop what holds the port.");
            return CommandContext.UsageError;
        }
        var addresses = string.Join(", ", host.Services.GetServerAddresses());
        CommandContext.Console.MarkupLine($"[bold]NewsBot is serving[/] on {Markup.Escape(addresses)}: demo page [underline]/[/], widget /widget.js, API /api, OpenAPI /openapi/v1.json, health /healthz. Ctrl+C stops it.");
        var teams = host.Services.GetRequiredService<TeamsOptions>();
        CommandContext.Console.MarkupLine(teams.IsAnonymous
            ? "Teams: messaging endpoint /api/messages, in local-development mode (no app id: unauthenticated, answers connectors on this machine only, e.g. the Agents Playground)."
            : "Teams: messaging endpoint /api/messages for the configured Azure Bot (Teams:AppId), Bot Connector tokens required.");
        var discord = host.Services.GetRequiredService<DiscordOptions>();
        CommandContext.Console.MarkupLine(discord.Enabled
            ? $"Discord: connecting the bot through {Markup.Escape(discord.ApiBaseUrl)}{(string.IsNullOrEmpty(discord.PublicKey) ? "" : "; interactions endpoint /api/discord/interactions")}."
            : "Discord: off (set Discord:Token to connect the bot).");
        await host.WaitForShutdownAsync(cancellationToken);
        return Environment.ExitCode;
    }
}
