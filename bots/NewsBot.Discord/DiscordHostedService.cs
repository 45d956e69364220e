using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsBot.Discord.Bot;
using NewsBot.Discord.Gateway;
using NewsBot.Discord.Rest;

namespace NewsBot.Discord;

/// <summary>
/// Runs the Discord bot inside <c>newsbot serve</c> when <c>Discord:Token</c> is set: registers the slash commands
/// (a bulk overwrite, idempotent), then holds the gateway connection until the server stops. A problem only Discord
/// configuration can fix (a bad token, a missing intent) stops the Discord bot with a message saying what to fix;
/// the rest of the server goes on.
/// </summary>
public sealed class DiscordHostedService(DiscordOptions options, DiscordRestClient rest, DiscordBot bot, TimeProvider time,
    ILoggerFactory logs, ILogger<DiscordHostedService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            log.LogInformation("Discord: off (set Discord:Token to connect the bot)");
            return;
        }
        try
        {
            await rest.BulkOverwriteCommandsAsync(DiscordCommands.All, stoppingToken);
            log.LogInformation("Discord: slash commands registered {Where}", options.GuildId is { Length: > 0 } ? "in the configured guild" : "globally (they can take a while to appear)");
        }
        catch (Exception e) when (e is DiscordApiException or HttpRequestException)
        {
            log.LogError("Discord: registering the slash commands failed: {Reason}. Mentions still work; check Discord:ApplicationId and the bot's applications.commands scope.", e.Message);
        }
        await using var gateway = new GatewayClient(options, GetGatewayAsync, bot.OnDispatchAsync, time, logs.CreateLogger<GatewayClient>());
        try
        {
            await gateway.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (GatewayFatalException e)
        {
            log.LogCritical("Discord: the bot stopped: {Reason}", e.Message);
        }
    }

    private async Task<GatewayEndpoint> GetGatewayAsync(CancellationToken cancellationToken)
    {
        var info = await rest.GetGatewayBotAsync(cancellationToken);
        return new GatewayEndpoint(info.Url, info.SessionStartLimit.Remaining, info.SessionStartLimit.ResetAfter, info.SessionStartLimit.MaxConcurrency);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await bot.Turns.StopAsync(cancellationToken);
    }
}
