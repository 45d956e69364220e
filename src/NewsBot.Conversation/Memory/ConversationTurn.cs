using NewsBot.Domain;

namespace NewsBot.Conversation.Memory;

/// <summary>
/// One question and its answer. <see cref="SearchedAs"/> is the question as the engine searched it (a follow-up made
/// whole); <see cref="Topic"/> the standalone question the conversation was about at this turn.
/// </summary>
public sealed record ConversationTurn(string Question, string SearchedAs, string Topic, Answer Answer, DateTimeOffset At);
