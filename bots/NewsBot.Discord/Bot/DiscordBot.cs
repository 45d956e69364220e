using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using NewsBot.Conversation;
using NewsBot.Conversation.Answering;
using NewsBot.Conversation.Turns;
using NewsBot.Discord.Gateway;
using NewsBot.Discord.Model;
using NewsBot.Discord.Rendering;
using NewsBot.Discord.Rest;
using NewsBot.Domain;
using NewsBot.Index.Feedback;

namespace NewsBot.Discord.Bot;

/// <summary>
/// NewsBot on Discord: maps gateway events and interactions to the conversation engine and renders what it returns.
/// <c>@NewsBot question</c> in a channel opens a thread with the answer, where later messages continue without a
/// mention; direct messages work too. Slash commands <c>/ask</c>, <c>/latest</c>, <c>/sources</c>, <c>/new</c>;
/// buttons Sources, 👍 and 👎 (into the shared feedback store). A user asking again within the cooldown is told
/// to wait (privately, for commands). A failure is never silent.
/// </summary>
public sealed partial class DiscordBot
{
    public const string FeedbackChannel = "discord";
    public const string Failure = "Sorry, something went wrong while I was answering. Please try again in a moment.";
    public const string Loading = "I'm still loading the news index; ask me again in a few seconds.";
    public const string Help = "Ask me about AI news: mention me with a question, or use `/ask`. `/latest [topic]` lists the newest stories, " +
        "`/sources` shows the last answer's sources, `/new` starts over.";

    private readonly BotReadiness _readiness;
    private readonly DiscordRestClient _rest;
    private readonly ILogger<DiscordBot> _log;
    private readonly UserCooldown _cooldown;
    private readonly BotThreads _threads = new();
    private readonly TimeProvider _time;

    public DiscordBot(BotReadiness readiness, DiscordRestClient rest, DiscordOptions options, TimeProvider time, ILogger<DiscordBot> log)
    {
        _readiness = readiness;
        _rest = rest;
        _log = log;
        _cooldown = new UserCooldown(TimeSpan.FromSeconds(options.CooldownSeconds), time);
        _time = time;
        Turns = new TurnScheduler(e => log.LogError(e, "A Discord turn failed"));
    }

    /// <summary>Turns run in the background, in order per channel, so the gateway's loop is never held up.</summary>
    public TurnScheduler Turns { get; }

    /// <summary>The bot's own user id, from READY: how it recognises mentions of itself and its own messages.</summary>
    public string? BotUserId { get; private set; }

    public Task OnDispatchAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        switch (dispatch.Type)
        {
            case "READY":
                BotUserId = dispatch.Data.TryGetProperty("user", out var user) && user.TryGetProperty("id", out var id) ? id.GetString() : BotUserId;
                break;
            case "MESSAGE_CREATE" when dispatch.Data.Deserialize(DiscordJsonContext.Default.DiscordMessage) is { } message:
                Turns.TrySchedule(message.ChannelId, ct => OnMessageAsync(message, ct));
                break;
            case "INTERACTION_CREATE" when dispatch.Data.Deserialize(DiscordJsonContext.Default.Interaction) is { } interaction:
                return HandleInteractionAsync(interaction, r => _rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, r, cancellationToken), cancellationToken);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Answers an interaction: <paramref name="respond"/> sends the initial response (over REST for the gateway, in
    /// the HTTP response for the interactions endpoint), within Discord's 3 seconds; answers follow as edits.
    /// </summary>
    public async Task HandleInteractionAsync(Interaction interaction, Func<InteractionResponse, Task> respond, CancellationToken cancellationToken)
    {
        try
        {
            switch (interaction.Type)
            {
                case InteractionTypes.Ping:
                    await respond(new InteractionResponse { Type = InteractionResponseTypes.Pong });
                    return;
                case InteractionTypes.ApplicationCommand:
                    await OnCommandAsync(interaction, respond, cancellationToken);
                    return;
                case InteractionTypes.MessageComponent:
                    await OnButtonAsync(interaction, respond, cancellationToken);
                    return;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _log.LogError(e, "Answering a Discord interaction failed");
        }
    }

    private async Task OnCommandAsync(Interaction interaction, Func<InteractionResponse, Task> respond, CancellationToken cancellationToken)
    {
        var key = ConversationKey(interaction);
        if (_readiness.Backend is not { } backend)
        {
            await respond(Private(Loading));
            return;
        }
        switch (interaction.Data?.Name)
        {
            case DiscordCommands.Sources:
                var last = backend.Engine.Memory.Turns(key).LastOrDefault()?.Answer;
                await respond(last is null
                    ? Private("No answer yet in this conversation: ask with `/ask` first.")
                    : new InteractionResponse { Type = InteractionResponseTypes.ChannelMessage, Data = AnswerMessages.Sources(last, ephemeral: true)[0] });
                return;
            case DiscordCommands.New:
                backend.Engine.Forget(key);
                await respond(Private("Starting afresh: I've forgotten our conversation here."));
                return;
            case DiscordCommands.Ask or DiscordCommands.Latest:
                var question = interaction.Data.Name == DiscordCommands.Ask ? Option(interaction, "question") ?? "" : DiscordCommands.LatestQuestion(Option(interaction, "topic"));
                if (question.Trim().Length == 0)
                {
                    await respond(Private(Help));
                    return;
                }
                if (!_cooldown.TryAsk(interaction.Invoker?.Id ?? "", out var wait))
                {
                    await respond(Private(SlowDown(wait)));
                    return;
                }
                await respond(new InteractionResponse { Type = InteractionResponseTypes.DeferredChannelMessage });
                Turns.TrySchedule(interaction.ChannelId ?? key, ct => AnswerInteractionAsync(backend, interaction, question, key, ct));
                return;
            default:
                await respond(Private(Help));
                return;
        }
    }

    private async Task AnswerInteractionAsync(BotBackend backend, Interaction interaction, string question, string key, CancellationToken cancellationToken)
    {
        var surface = new InteractionAnswerSurface(_rest, interaction.Token);
        try
        {
            await new StreamedAnswer(surface, _time).ShowAsync(backend.Engine.StreamAsync(new UserMessage(Limit(question)) { ConversationId = key }, cancellationToken), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.LogError(e, "Answering /{Command} failed", interaction.Data?.Name);
            await surface.FinishAsync([AnswerMessages.Text(Failure)], cancellationToken);
        }
    }

    private async Task OnButtonAsync(Interaction interaction, Func<InteractionResponse, Task> respond, CancellationToken cancellationToken)
    {
        var customId = interaction.Data?.CustomId ?? "";
        if (_readiness.Backend is not { } backend)
        {
            await respond(Private(Loading));
            return;
        }
        if (customId.StartsWith(AnswerMessages.SourcesButton, StringComparison.Ordinal))
        {
            var turn = backend.Engine.Memory.FindAnswer(customId[AnswerMessages.SourcesButton.Length..]);
            await respond(turn is null
                ? Private("That answer is too old for me to remember its sources; ask again.")
                : new InteractionResponse { Type = InteractionResponseTypes.ChannelMessage, Data = AnswerMessages.Sources(turn.Answer, ephemeral: true)[0] });
            return;
        }
        var (rating, answerId) = customId.StartsWith(AnswerMessages.UpButton, StringComparison.Ordinal) ? (FeedbackRating.Up, customId[AnswerMessages.UpButton.Length..])
            : customId.StartsWith(AnswerMessages.DownButton, StringComparison.Ordinal) ? (FeedbackRating.Down, customId[AnswerMessages.DownButton.Length..])
            : ((FeedbackRating?)null, "");
        if (rating is null)
        {
            await respond(Private("That button is not NewsBot's."));
            return;
        }
        var recorded = await backend.Feedback.RecordAsync(answerId, rating.Value, null, FeedbackChannel, cancellationToken);
        await respond(Private(recorded ? "Thanks for the feedback!" : "That answer is too old to rate; ask again and rate the new answer."));
    }

    private async Task OnMessageAsync(DiscordMessage message, CancellationToken cancellationToken)
    {
        if (message.Author is not { } author || author.Bot == true || author.Id == BotUserId || BotUserId is null) return;
        var isDirect = message.GuildId is null;
        var mentioned = (message.Mentions ?? []).Any(u => u.Id == BotUserId) || (message.Content ?? "").Contains($"<@{BotUserId}>", StringComparison.Ordinal)
            || (message.Content ?? "").Contains($"<@!{BotUserId}>", StringComparison.Ordinal);
        var inOurThread = _threads.Contains(message.ChannelId);
        if (!isDirect && !mentioned && !inOurThread) return;

        var question = Mention().Replace(message.Content ?? "", m => m.Groups[1].Value == BotUserId ? " " : m.Value).Trim();
        var inReply = new MessageReference { MessageId = message.Id, ChannelId = message.ChannelId, FailIfNotExists = false };
        try
        {
            if (_readiness.Backend is not { } backend)
            {
                await _rest.CreateMessageAsync(message.ChannelId, AnswerMessages.Text(Loading).WithReference(inReply), cancellationToken);
                return;
            }
            if (question.Length == 0)
            {
                await _rest.CreateMessageAsync(message.ChannelId, AnswerMessages.Text(Help).WithReference(inReply), cancellationToken);
                return;
            }
            if (question.Length > ConversationEngine.MaxQuestionLength)
            {
                await _rest.CreateMessageAsync(message.ChannelId, AnswerMessages.Text(
                    $"That question is {question.Length:N0} characters long; I read up to {ConversationEngine.MaxQuestionLength:N0}. Could you shorten it?").WithReference(inReply), cancellationToken);
                return;
            }
            if (!_cooldown.TryAsk(author.Id, out var wait))
            {
                await _rest.CreateMessageAsync(message.ChannelId, AnswerMessages.Text(SlowDown(wait)).WithReference(inReply), cancellationToken);
                return;
            }

            // A question in a channel gets a thread of its own; in a DM or NewsBot's thread the answer replies in place.
            var channel = message.ChannelId;
            MessageReference? reference = inReply;
            if (!isDirect && !inOurThread)
            {
                var thread = await TryStartThreadAsync(message, question, cancellationToken);
                if (thread is not null)
                {
                    _threads.Add(thread.Id);
                    channel = thread.Id;
                    reference = null;
                }
            }
            await _rest.TriggerTypingAsync(channel, cancellationToken);
            await new StreamedAnswer(new ChannelAnswerSurface(_rest, channel, reference), _time)
                .ShowAsync(backend.Engine.StreamAsync(new UserMessage(question) { ConversationId = "discord_" + channel }, cancellationToken), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.LogError(e, "Answering a Discord message failed");
            try { await _rest.CreateMessageAsync(message.ChannelId, AnswerMessages.Text(Failure).WithReference(inReply), CancellationToken.None); }
            catch (Exception again) { _log.LogError("Telling the reader about the failure failed too: {Reason}", again.Message); }
        }
    }

    private async Task<DiscordChannel?> TryStartThreadAsync(DiscordMessage message, string question, CancellationToken cancellationToken)
    {
        try
        {
            return await _rest.StartThreadFromMessageAsync(message.ChannelId, message.Id,
                new StartThread { Name = AnswerWording.Shorten(question, DiscordLimits.ThreadName) }, cancellationToken);
        }
        catch (DiscordApiException e)
        {
            // No permission to create threads, or the channel cannot have them: answer in the channel instead.
            _log.LogWarning("Could not start a thread for a question ({Reason}); answering in the channel", e.Message);
            return null;
        }
    }

    /// <summary>A thread NewsBot started is one conversation; elsewhere each user has their own per channel.</summary>
    private string ConversationKey(Interaction interaction) =>
        interaction.ChannelId is { } channel && (_threads.Contains(channel) || interaction.GuildId is null)
            ? "discord_" + channel
            : $"discord_{interaction.ChannelId}_{interaction.Invoker?.Id}";

    private static string? Option(Interaction interaction, string name) =>
        interaction.Data?.Options?.FirstOrDefault(o => o.Name == name)?.Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    private static string Limit(string question) => question.Length <= ConversationEngine.MaxQuestionLength ? question : question[..ConversationEngine.MaxQuestionLength];

    private static string SlowDown(TimeSpan wait) => $"You're asking faster than I can read: try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s.";

    private static InteractionResponse Private(string text) =>
        new() { Type = InteractionResponseTypes.ChannelMessage, Data = AnswerMessages.Text(text, ephemeral: true) };

    [GeneratedRegex(@"<@!?(\d+)>")]
    private static partial Regex Mention();
}

internal static class MessageCreateExtensions
{
    public static MessageCreate WithReference(this MessageCreate message, MessageReference reference)
    {
        message.MessageReference = reference;
        return message;
    }
}
