using NewsBot.Conversation.Feedback;

namespace NewsBot.Conversation;

/// <summary>What every chat adapter talks to: the conversation engine and readers' feedback on its answers.</summary>
public sealed record BotBackend(ConversationEngine Engine, AnswerFeedback Feedback);

/// <summary>
/// The backend once the index has loaded. The server listens at once (so health checks can see it start) and the
/// host hands the backend over when ready; until then adapters say the bot is starting (the API answers 503).
/// </summary>
public sealed class BotReadiness
{
    private volatile BotBackend? _backend;
    private volatile string? _failure;

    public BotBackend? Backend => _backend;
    /// <summary>Why loading failed and what to do, when it did.</summary>
    public string? Failure => _failure;

    public void Ready(BotBackend backend) => _backend = backend;
    public void Failed(string reason) => _failure = reason;
}
