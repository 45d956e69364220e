namespace NewsBot.Discord.Rest;

/// <summary>
/// An async lock that hands its turn out strictly in arrival order. A bucket's requests go through it one at a time,
/// so the pieces of an answer reach a channel in the order the bot sent them (SemaphoreSlim promises no order).
/// A waiter that is cancelled leaves the queue without taking a turn.
/// </summary>
internal sealed class FifoGate
{
    private readonly LinkedList<TaskCompletionSource> _waiters = [];
    private bool _held;

    /// <summary>Nobody holds the gate or waits for it.</summary>
    public bool IsIdle
    {
        get { lock (_waiters) return !_held && _waiters.Count == 0; }
    }

    public async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource> node;
        lock (_waiters)
        {
            if (!_held)
            {
                _held = true;
                return new Turn(this);
            }
            cancellationToken.ThrowIfCancellationRequested();
            node = _waiters.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
        await using (cancellationToken.Register(() => Abandon(node, cancellationToken)))
            await node.Value.Task;
        return new Turn(this);
    }

    private void Abandon(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        lock (_waiters)
        {
            // Already handed the turn (and off the list): the waiter owns it and will release it.
            if (node.List is null) return;
            _waiters.Remove(node);
        }
        node.Value.TrySetCanceled(cancellationToken);
    }

    private void Release()
    {
        lock (_waiters)
        {
            if (_waiters.First is { } next)
            {
                _waiters.RemoveFirst();
                next.Value.TrySetResult(); // the turn passes straight to the next waiter: _held stays true
            }
            else
                _held = false;
        }
    }

    /// <summary>Holding the gate; disposing passes it on.</summary>
    public sealed class Turn(FifoGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
