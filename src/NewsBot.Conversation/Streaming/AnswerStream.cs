using System.Threading.Channels;

namespace NewsBot.Conversation.Streaming;

/// <summary>
/// Where the engine reports as it answers: status lines, text as a model writes it, and a reset when text already
/// sent is withdrawn (a generated answer replaced by the extractive one). Knows whether text has gone out, so the
/// engine sends a composed answer's text in pieces itself when nothing streamed.
/// </summary>
public sealed class AnswerStream(ChannelWriter<AnswerEvent>? events)
{
    /// <summary>A stream nobody reads (asking without streaming).</summary>
    public static AnswerStream None => new(null);

    public bool HasText { get; private set; }

    public void Status(string message) => events?.TryWrite(new StatusEvent(message));

    public void Delta(string text)
    {
        if (text.Length == 0) return;
        HasText = true;
        events?.TryWrite(new DeltaEvent(text));
    }

    /// <summary>Withdraws the text sent so far; what follows replaces it.</summary>
    public void Reset(string reason)
    {
        if (!HasText) return;
        HasText = false;
        events?.TryWrite(new ResetEvent(reason));
    }
}
