namespace NewsBot.Conversation.Memory;

/// <summary>Configuration section <c>Conversation</c>: how much of each conversation the engine remembers, and for how long.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversation";

    /// <summary>Conversations kept at once; past it the least recently used are forgotten first.</summary>
    public int MaxConversations { get; set; } = 10_000;
    /// <summary>Turns kept per conversation: follow-ups look back this far.</summary>
    public int MaxTurns { get; set; } = 8;
    /// <summary>A conversation idle this long is forgotten (its answers can no longer be rated).</summary>
    public int IdleMinutes { get; set; } = 120;
    /// <summary>How long an answer is reused for the same question (as searched, on the same day and index); 0 turns the cache off.</summary>
    public int AnswerCacheSeconds { get; set; } = 300;
    /// <summary>Answers the cache holds at most.</summary>
    public int AnswerCacheEntries { get; set; } = 2000;

    public IEnumerable<string> Validate()
    {
        if (MaxConversations is < 1 or > 1_000_000) yield return $"Conversation:MaxConversations must be between 1 and 1000000 (it is {MaxConversations}).";
        if (MaxTurns is < 1 or > 100) yield return $"Conversation:MaxTurns must be between 1 and 100 (it is {MaxTurns}).";
        if (AnswerCacheSeconds is < 0 or > 86_400) yield return $"Conversation:AnswerCacheSeconds must be between 0 and 86400 (it is {AnswerCacheSeconds}).";
        if (AnswerCacheEntries is < 0 or > 1_000_000) yield return $"Conversation:AnswerCacheEntries must be between 0 and 1000000 (it is {AnswerCacheEntries}).";
        if (IdleMinutes is < 1 or > 10_080) yield return $"Conversation:IdleMinutes must be between 1 and 10080 (a week) (it is {IdleMinutes}).";
    }
}
