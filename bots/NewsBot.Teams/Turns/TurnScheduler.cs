using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NewsBot.Teams.Turns;

/// <summary>
/// Runs turns after their HTTP request has been answered: the Bot Connector wants a quick 2xx, while an answer may
/// stream for seconds. Turns of one conversation run one after another, in arrival order (Teams allows one stream
/// per chat, and a follow-up must see the turn before it); different conversations run side by side. Bounded: past
/// <see cref="MaxPending"/> waiting turns, new ones are refused (the endpoint answers 503 and the connector retries).
/// On shutdown, running turns get a grace period to finish their replies.
/// </summary>
public sealed class TurnScheduler(ILogger<TurnScheduler> log) : IHostedService
{
    public const int MaxPending = 1000;

    private readonly Dictionary<string, Task> _tails = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _pending;

    public bool TrySchedule(string conversationKey, Func<CancellationToken, Task> turn)
    {
        if (Interlocked.Increment(ref _pending) > MaxPending || _stopping.IsCancellationRequested)
        {
            Interlocked.Decrement(ref _pending);
            return false;
        }
        lock (_lock)
        {
            var previous = _tails.GetValueOrDefault(conversationKey) ?? Task.CompletedTask;
            Task next = null!;
            next = RunAfterAsync(previous, turn, () =>
            {
                lock (_lock)
                    if (_tails.TryGetValue(conversationKey, out var tail) && tail == next) _tails.Remove(conversationKey);
            });
            _tails[conversationKey] = next;
        }
        return true;
    }

    private async Task RunAfterAsync(Task previous, Func<CancellationToken, Task> turn, Action done)
    {
        try
        {
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
            await turn(_stopping.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            log.LogError(e, "A Teams turn failed");
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
            done();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] running;
        lock (_lock) running = [.. _tails.Values];
        try { await Task.WhenAll(running).WaitAsync(cancellationToken); }
        catch (OperationCanceledException) { }
        finally { await _stopping.CancelAsync(); }
    }
}
