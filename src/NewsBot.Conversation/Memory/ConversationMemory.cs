using System.Security.Cryptography;

namespace NewsBot.Conversation.Memory;

/// <summary>
/// The recent turns of each conversation, in memory: bounded in conversations and turns, forgotten after an idle
/// time. It also finds an answer by id, so feedback can name what it rates. Thread-safe.
/// </summary>
public sealed class ConversationMemory(ConversationOptions options, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Thread> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _conversationOfAnswer = new(StringComparer.Ordinal);

    private sealed class Thread
    {
        public readonly List<ConversationTurn> Turns = [];
        public DateTimeOffset LastUsed;
    }

    private TimeSpan IdleExpiry => TimeSpan.FromMinutes(options.IdleMinutes);

    /// <summary>A new conversation id: 128 random bits, so one reader cannot guess another's.</summary>
    public static string NewConversationId() => "c_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string NewAnswerId() => "a_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public int Count { get { lock (_lock) return _conversations.Count; } }

    /// <summary>The conversation's turns, oldest first; empty when it is unknown or has expired.</summary>
    public IReadOnlyList<ConversationTurn> Turns(string conversationId)
    {
        lock (_lock)
        {
            if (!TryGetLive(conversationId, out var thread)) return [];
            return thread.Turns.ToArray();
        }
    }

    public void Add(string conversationId, ConversationTurn turn)
    {
        lock (_lock)
        {
            if (!TryGetLive(conversationId, out var thread))
            {
                if (_conversations.Count >= options.MaxConversations) EvictLeastRecentlyUsed();
                _conversations[conversationId] = thread = new Thread();
            }
            thread.Turns.Add(turn);
            thread.LastUsed = clock.GetUtcNow();
            _conversationOfAnswer[turn.Answer.Id] = conversationId;
            while (thread.Turns.Count > options.MaxTurns)
            {
                _conversationOfAnswer.Remove(thread.Turns[0].Answer.Id);
                thread.Turns.RemoveAt(0);
            }
        }
    }

    /// <summary>The turn that gave answer <paramref name="answerId"/>, while its conversation is remembered.</summary>
    public ConversationTurn? FindAnswer(string answerId)
    {
        lock (_lock)
        {
            if (!_conversationOfAnswer.TryGetValue(answerId, out var conversationId) || !TryGetLive(conversationId, out var thread)) return null;
            return thread.Turns.FirstOrDefault(t => t.Answer.Id == answerId);
        }
    }

    /// <summary>Forgets the conversation ("new conversation"); false when it was not known.</summary>
    public bool Forget(string conversationId)
    {
        lock (_lock) return Remove(conversationId);
    }

    private bool TryGetLive(string conversationId, out Thread thread)
    {
        if (!_conversations.TryGetValue(conversationId, out thread!)) return false;
        if (clock.GetUtcNow() - thread.LastUsed < IdleExpiry) return true;
        Remove(conversationId);
        return false;
    }

    private bool Remove(string conversationId)
    {
        if (!_conversations.Remove(conversationId, out var thread)) return false;
        foreach (var turn in thread.Turns) _conversationOfAnswer.Remove(turn.Answer.Id);
        return true;
    }

    // Runs only when full: drops the expired, and if that is not enough, the least recently used tenth (amortised O(1) per add).
    private void EvictLeastRecentlyUsed()
    {
        var now = clock.GetUtcNow();
        foreach (var id in _conversations.Where(c => now - c.Value.LastUsed >= IdleExpiry).Select(c => c.Key).ToList()) Remove(id);
        if (_conversations.Count < options.MaxConversations) return;
        var drop = Math.Max(1, options.MaxConversations / 10);
        foreach (var id in _conversations.OrderBy(c => c.Value.LastUsed).Take(drop).Select(c => c.Key).ToList()) Remove(id);
    }
}
