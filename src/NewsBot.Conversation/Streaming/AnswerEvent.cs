using NewsBot.Domain;

namespace NewsBot.Conversation.Streaming;

/// <summary>
/// What the engine reports while it answers, in order: status lines, the text in pieces, the citations, and the
/// whole answer last. Adapters map these to their protocol (Server-Sent Events, Teams streaming, Discord edits).
/// </summary>
public abstract record AnswerEvent;

/// <summary>What the engine is doing ("Searching stories from March 2025…").</summary>
public sealed record StatusEvent(string Message) : AnswerEvent;

/// <summary>The next piece of the answer's text: the pieces, joined, are <see cref="Answer.Text"/>.</summary>
public sealed record DeltaEvent(string Text) : AnswerEvent;

public sealed record CitationsEvent(IReadOnlyList<Citation> Citations) : AnswerEvent;

/// <summary>The whole answer, last.</summary>
public sealed record DoneEvent(EngineReply Reply) : AnswerEvent;
