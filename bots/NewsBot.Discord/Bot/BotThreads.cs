namespace NewsBot.Discord.Bot;

/// <summary>
/// The threads NewsBot started for a question: later messages there continue the conversation without a mention.
/// Bounded, oldest forgotten first; after a restart a thread is NewsBot's again once someone mentions it there.
/// </summary>
public sealed class BotThreads(int capacity = 10_000)
{
    private readonly HashSet<string> _threads = [];
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    public void Add(string threadId)
    {
        lock (_lock)
        {
            if (!_threads.Add(threadId)) return;
            _order.Enqueue(threadId);
            while (_order.Count > capacity) _threads.Remove(_order.Dequeue());
        }
    }

    public bool Contains(string channelId)
    {
        lock (_lock) return _threads.Contains(channelId);
    }
}
