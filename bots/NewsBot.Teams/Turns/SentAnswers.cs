namespace NewsBot.Teams.Turns;

/// <summary>
/// Which answer each sent Teams message carries: a 👍/👎 arrives naming the message (its activity id), and feedback
/// is stored against the engine's answer id. Bounded; the oldest entries go first.
/// </summary>
public sealed class SentAnswers(int capacity = 20_000)
{
    private readonly Dictionary<(string Conversation, string Activity), string> _answers = [];
    private readonly Queue<(string, string)> _order = new();
    private readonly Lock _lock = new();

    public void Remember(string conversationId, string activityId, string answerId)
    {
        lock (_lock)
        {
            if (_answers.TryAdd((conversationId, activityId), answerId)) _order.Enqueue((conversationId, activityId));
            while (_order.Count > capacity) _answers.Remove(_order.Dequeue());
        }
    }

    public string? Find(string conversationId, string activityId)
    {
        lock (_lock) return _answers.GetValueOrDefault((conversationId, activityId));
    }
}
