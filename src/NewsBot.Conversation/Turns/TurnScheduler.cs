namespace NewsBot.Conversation.Turns;

/// <summary>
/// Runs chat turns in the background, for adapters whose platform wants a quick acknowledgement (Teams' Bot
/// Connector, Discord's gateway) while an answer may take seconds. Turns of one conversation run one after another,
/// in arrival order (one stream per chat; a follow-up must see the turn before it); different conversations run side
/// by side. Bounded: past <see cref="MaxPending"/> waiting turns, new ones are refused. On shutdown, running turns
/// get the host's grace period to finish their replies.
/// </summary>
public sealed class TurnScheduler(Action<Exception> onFailure)
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
            onFailure(e);
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

    /// <summary>Waits for running turns (until <paramref name="cancellationToken"/>), then cancels what is left and takes no more.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] running;
        lock (_lock) running = [.. _tails.Values];
        try { await Task.WhenAll(running).WaitAsync(cancellationToken); }
        catch (OperationCanceledException) { }
        finally { await _stopping.CancelAsync(); }
    }
}
