using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsBot.Conversation.Turns;

namespace NewsBot.Teams.Turns;

/// <summary>
/// Teams' turns run after <c>/api/messages</c> has answered 202: the Bot Connector wants a quick answer, while a
/// streamed answer takes seconds. Past the scheduler's bound the endpoint answers 503 and the connector retries.
/// Stopping the host lets running turns finish their replies.
/// </summary>
public sealed class TeamsTurns(ILogger<TeamsTurns> log) : IHostedService
{
    public TurnScheduler Scheduler { get; } = new(e => log.LogError(e, "A Teams turn failed"));

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Scheduler.StopAsync(cancellationToken);
}
