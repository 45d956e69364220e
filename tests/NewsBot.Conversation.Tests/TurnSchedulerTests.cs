using NewsBot.Conversation.Turns;

namespace NewsBot.Conversation.Tests;

public sealed class TurnSchedulerTests
{
    [Fact]
    public async Task Turns_of_one_conversation_run_in_order_one_at_a_time_and_others_run_alongside()
    {
        var scheduler = new TurnScheduler(_ => { });
        var firstMayFinish = new TaskCompletionSource();
        var order = new List<string>();
        var otherRan = new TaskCompletionSource();

        Assert.True(scheduler.TrySchedule("chat", async _ => { await firstMayFinish.Task; lock (order) order.Add("first"); }));
        Assert.True(scheduler.TrySchedule("chat", _ => { lock (order) order.Add("second"); return Task.CompletedTask; }));
        Assert.True(scheduler.TrySchedule("other chat", _ => { otherRan.SetResult(); return Task.CompletedTask; }));

        await otherRan.Task.WaitAsync(TimeSpan.FromSeconds(10)); // not held up by the first chat's turn
        lock (order) Assert.Empty(order);                       // the second turn waits for the first
        firstMayFinish.SetResult();
        await scheduler.StopAsync(CancellationToken.None);
        Assert.Equal(["first", "second"], order);
    }

    [Fact]
    public async Task A_failing_turn_does_not_stop_the_next()
    {
        var scheduler = new TurnScheduler(_ => { });
        var ran = new TaskCompletionSource();
        scheduler.TrySchedule("chat", _ => throw new InvalidOperationException("boom"));
        scheduler.TrySchedule("chat", _ => { ran.SetResult(); return Task.CompletedTask; });
        await ran.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Past_the_limit_new_turns_are_refused_until_some_finish()
    {
        var scheduler = new TurnScheduler(_ => { });
        var release = new TaskCompletionSource();
        for (var i = 0; i < TurnScheduler.MaxPending; i++) Assert.True(scheduler.TrySchedule($"chat {i % 10}", _ => release.Task));
        Assert.False(scheduler.TrySchedule("one more", _ => Task.CompletedTask));
        release.SetResult();
        await scheduler.StopAsync(CancellationToken.None);
        Assert.False(scheduler.TrySchedule("after stop", _ => Task.CompletedTask)); // a stopping server takes no new turns
    }
}
