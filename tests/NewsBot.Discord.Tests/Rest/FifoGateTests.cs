using NewsBot.Discord.Rest;

namespace NewsBot.Discord.Tests.Rest;

public sealed class FifoGateTests
{
    [Fact]
    public async Task Turns_are_handed_out_in_arrival_order()
    {
        var gate = new FifoGate();
        var order = new List<int>();
        var first = await gate.EnterAsync(default);
        var waiters = Enumerable.Range(1, 20).Select(async i =>
        {
            using var turn = await gate.EnterAsync(default);
            lock (order) order.Add(i);
            await Task.Yield();
        }).ToList();

        first.Dispose();
        await Task.WhenAll(waiters);

        Assert.Equal(Enumerable.Range(1, 20), order);
        Assert.True(gate.IsIdle);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_without_blocking_the_next()
    {
        var gate = new FifoGate();
        var first = await gate.EnterAsync(default);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(cancel.Token).AsTask();
        var next = gate.EnterAsync(default).AsTask();

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(next.IsCompleted);
        first.Dispose();
        (await next).Dispose();
        Assert.True(gate.IsIdle);
    }
}
