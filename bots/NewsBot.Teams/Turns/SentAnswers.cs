namespace NewsBot.Teams.Turns;

/// <summary>
/// Which answer each sent Teams message carries: a 👍/👎 arrives naming the message (its activity id, as
/// <c>replyToId</c>), and feedback is stored against the engine's answer id. Bounded; the oldest entries go first.
/// </summary>
public sealed class SentAnswers(int capacity = 20_000)
{
    private readonly Dictionary<(string Conversation, string Activity), string> _answers = [];
    private readonly Dictionary<string, string> _latest = [];
    private readonly Queue<(string, string)> _order = new();
    private readonly Lock _lock = new();

    public void Remember(string conversationId, string activityId, string answerId)
    {
        lock (_lock)
        {
            if (_answers.TryAdd((conversationId, activityId), answerId)) _order.Enqueue((conversationId, activityId));
            _latest[conversationId] = answerId;
            while (_order.Count > capacity)
            {
                var (conversation, activity) = _order.Dequeue();
                if (_answers.Remove((conversation, activity), out var dropped) && _latest.GetValueOrDefault(conversation) == dropped) _latest.Remove(conversation);
            }
        }
    }

    /// <summary>
    /// The answer in message <paramref name="activityId"/>. Without one (Microsoft's Agents Playground sends its
    /// feedback invokes without <c>replyToId</c>; Teams sends it), the conversation's latest answer.
    /// </summary>
    public string? Find(string conversationId, string? activityId)
    {
        lock (_lock)
            return activityId is { Length: > 0 } ? _answers.GetValueOrDefault((conversationId, activityId)) : _latest.GetValueOrDefault(conversationId);
    }
}
