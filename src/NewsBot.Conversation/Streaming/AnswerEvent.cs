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

/// <summary>
/// The text sent so far is withdrawn (a generated answer that failed its checks midway); the deltas that follow are
/// the answer. Adapters clear what they showed, or simply let the final answer replace it.
/// </summary>
public sealed record ResetEvent(string Reason) : AnswerEvent;

public sealed record CitationsEvent(IReadOnlyList<Citation> Citations) : AnswerEvent;

/// <summary>The whole answer, last.</summary>
public sealed record DoneEvent(EngineReply Reply) : AnswerEvent;
