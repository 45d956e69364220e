using NewsBot.Conversation.Streaming;
using NewsBot.Discord.Model;
using NewsBot.Discord.Rendering;
using NewsBot.Discord.Rest;
using NewsBot.Domain;

namespace NewsBot.Discord.Bot;

/// <summary>
/// Shows an answer in Discord as it is written: when text keeps coming for longer than <see cref="Interval"/> (a
/// language model writing), one message shows it and is edited at most once per interval — within Discord's limit
/// of five edits per five seconds per channel — then becomes the answer's embeds and buttons. An answer composed at
/// once (quoted) is simply sent.
/// </summary>
public sealed class StreamedAnswer(IAnswerSurface surface, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1.5);
    private const string Cursor = " ▌";

    /// <summary>Shows the events' answer; returns it, or null when the stream ended without one.</summary>
    public async Task<Answer?> ShowAsync(IAsyncEnumerable<AnswerEvent> events, CancellationToken cancellationToken)
    {
        var text = "";
        var shown = "";
        long? since = null;  // the first text, then the last edit
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            switch (e)
            {
                case DeltaEvent delta:
                    text += delta.Text;
                    since ??= time.GetTimestamp();
                    if (text != shown && time.GetElapsedTime(since.Value) >= Interval)
                    {
                        await surface.ShowAsync(Preview(text), cancellationToken);
                        (shown, since) = (text, time.GetTimestamp());
                    }
                    break;
                case ResetEvent:
                    text = "";  // the quoted answer follows, and the final message replaces what was shown
                    break;
                case DoneEvent done:
                    await surface.FinishAsync(AnswerMessages.Render(done.Reply.Answer), cancellationToken);
                    return done.Reply.Answer;
            }
        }
        return null;
    }

    /// <summary>The text so far within a message's 2,000 characters: its end, where the writing is.</summary>
    public static string Preview(string text)
    {
        var room = DiscordLimits.Content - Cursor.Length;
        return (text.Length <= room ? text : "…" + text[^(room - 1)..]) + Cursor;
    }
}

/// <summary>Where an answer shows in Discord: a message in a channel, or an interaction's deferred response.</summary>
public interface IAnswerSurface
{
    /// <summary>Shows text written so far (plain content, no pings).</summary>
    Task ShowAsync(string text, CancellationToken cancellationToken);

    /// <summary>Shows the whole answer, replacing what <see cref="ShowAsync"/> showed.</summary>
    Task FinishAsync(IReadOnlyList<MessageCreate> messages, CancellationToken cancellationToken);
}

/// <summary>A reply in a channel or thread: created with the first text, edited after.</summary>
public sealed class ChannelAnswerSurface(DiscordRestClient rest, string channelId, MessageReference? reference) : IAnswerSurface
{
    private string? _messageId;

    public async Task ShowAsync(string text, CancellationToken cancellationToken)
    {
        if (_messageId is null)
            _messageId = (await rest.CreateMessageAsync(channelId, WithReference(AnswerMessages.Text(text)), cancellationToken)).Id;
        else
            await rest.EditMessageAsync(channelId, _messageId, new MessageEdit { Content = text }, cancellationToken);
    }

    public async Task FinishAsync(IReadOnlyList<MessageCreate> messages, CancellationToken cancellationToken)
    {
        var rest0 = messages.Skip(1);
        if (_messageId is null) await rest.CreateMessageAsync(channelId, WithReference(messages[0]), cancellationToken);
        else await rest.EditMessageAsync(channelId, _messageId, MessageEdits.Replacing(messages[0]), cancellationToken);
        foreach (var more in rest0) await rest.CreateMessageAsync(channelId, more, cancellationToken);
    }

    private MessageCreate WithReference(MessageCreate message)
    {
        if (reference is not null) message.MessageReference = reference;
        return message;
    }
}

/// <summary>A slash command's answer: the deferred response ("NewsBot is thinking…") edited, then follow-ups.</summary>
public sealed class InteractionAnswerSurface(DiscordRestClient rest, string interactionToken) : IAnswerSurface
{
    public Task ShowAsync(string text, CancellationToken cancellationToken) =>
        rest.EditOriginalResponseAsync(interactionToken, new MessageEdit { Content = text }, cancellationToken);

    public async Task FinishAsync(IReadOnlyList<MessageCreate> messages, CancellationToken cancellationToken)
    {
        await rest.EditOriginalResponseAsync(interactionToken, MessageEdits.Replacing(messages[0]), cancellationToken);
        foreach (var more in messages.Skip(1)) await rest.CreateFollowupAsync(interactionToken, more, cancellationToken);
    }
}

internal static class MessageEdits
{
    /// <summary>An edit that makes a message <paramref name="message"/>: its content cleared when it has none, so no streamed text stays.</summary>
    public static MessageEdit Replacing(MessageCreate message) =>
        new() { Content = message.Content ?? "", Embeds = message.Embeds ?? [], Components = message.Components ?? [], AllowedMentions = message.AllowedMentions };
}
