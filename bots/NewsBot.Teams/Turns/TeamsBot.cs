using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NewsBot.Conversation;
using NewsBot.Conversation.Streaming;
using NewsBot.Index.Feedback;
using NewsBot.Teams.Connector;
using NewsBot.Teams.Protocol;
using NewsBot.Teams.Rendering;

namespace NewsBot.Teams.Turns;

/// <summary>
/// NewsBot in Teams: maps each activity to the conversation engine and renders what it returns. Questions in
/// personal chat stream; in group chats and channels they get a typing indicator, then one message in the thread
/// they were asked in. <c>help</c>, <c>latest [topic]</c> and <c>new</c> are commands. A welcome greets a new
/// install; 👍/👎 arrive as <c>message/submitAction</c> invokes and go to the feedback store. A failure is never
/// silent: the reader gets a short apology and the log gets the reason.
/// </summary>
public sealed class TeamsBot(BotReadiness readiness, ConnectorClient connector, SentAnswers sent, TeamsOptions options, TimeProvider time, ILogger<TeamsBot> log)
{
    public const string FeedbackChannel = "teams";

    public const string Welcome =
        "Hi, I'm **NewsBot**. Ask me about AI news and I'll answer from the week's digests, newsletters and podcasts, citing every story.\n\n" +
        "Try *What did OpenAI announce last week?*, *latest robotics*, or type **help**.";

    public const string Help =
        "Ask a question about AI news in your own words, and follow up as you would with a colleague (*and Google?*, *what about last month?*).\n\n" +
        "- **latest** — the newest stories; **latest** *topic* — the newest on a topic\n" +
        "- **new** — start a new conversation\n" +
        "- **help** — this message\n\n" +
        "Every answer cites its stories: hover a number to see the source. Tell me how I did with 👍 or 👎.";

    public const string Failure = "Sorry, something went wrong while I was answering. Please try again in a moment.";

    /// <summary>Handles a message or conversation update; replies go out through the connector.</summary>
    public async Task OnActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            switch (activity.Type)
            {
                case ActivityTypes.Message:
                    await OnMessageAsync(activity, cancellationToken);
                    break;
                case ActivityTypes.ConversationUpdate when (activity.MembersAdded ?? []).Any(m => m.Id == activity.Recipient?.Id):
                    await connector.ReplyAsync(activity, Text(Welcome), cancellationToken);
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            log.LogError(e, "Answering a Teams {Type} activity in a {ConversationType} conversation failed", activity.Type, activity.Conversation?.ConversationType);
            if (activity.Type != ActivityTypes.Message) return;
            try { await connector.ReplyAsync(activity, Text(Failure), CancellationToken.None); }
            catch (Exception again) { log.LogError("Telling the reader about the failure failed too: {Reason}", again.Message); }
        }
    }

    /// <summary>Handles an invoke; what it returns is the HTTP response Teams waits for.</summary>
    public async Task<InvokeResponse> OnInvokeAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Name != "message/submitAction") return new InvokeResponse(501);
        if (FeedbackValue.Read(activity.Value) is not { } feedback) return new InvokeResponse(400, Error("The feedback's value is not Teams' feedback form."));
        if (readiness.Backend is not { } backend) return new InvokeResponse(503, Error("NewsBot is starting; try again in a moment."));
        var answerId = activity.Conversation?.Id is { } conversation ? sent.Find(conversation, activity.ReplyToId) : null;
        var recorded = answerId is not null &&
            await backend.Feedback.RecordAsync(answerId, feedback.Rating, feedback.Comment, FeedbackChannel, cancellationToken);
        if (!recorded)
        {
            log.LogInformation("Feedback on a Teams message NewsBot no longer remembers (conversation expired or server restarted)");
            return new InvokeResponse(404, Error("That answer is too old to rate; ask again and rate the new answer."));
        }
        return new InvokeResponse(200, []);
    }

    private async Task OnMessageAsync(Activity activity, CancellationToken cancellationToken)
    {
        var text = IncomingText.Of(activity);
        if (readiness.Backend is not { } backend)
        {
            await connector.ReplyAsync(activity, Text(readiness.Failure is null
                ? "I'm still loading the news index; ask me again in a few seconds."
                : "I can't answer right now: my news index failed to load. Please tell the person who runs me."), cancellationToken);
            return;
        }
        var command = TeamsCommand.Parse(text);
        switch (command.Kind)
        {
            case TeamsCommandKind.Help:
                await connector.ReplyAsync(activity, Text(Help), cancellationToken);
                return;
            case TeamsCommandKind.New:
                backend.Engine.Forget(ConversationKey(activity));
                await connector.ReplyAsync(activity, Text("Starting afresh: I've forgotten our conversation so far. What would you like to know?"), cancellationToken);
                return;
        }
        var question = command.Kind == TeamsCommandKind.Latest ? command.LatestQuestion : command.Text;
        if (question.Length > ConversationEngine.MaxQuestionLength)
        {
            await connector.ReplyAsync(activity, Text($"That question is {question.Length:N0} characters long; I read up to {ConversationEngine.MaxQuestionLength:N0}. Could you shorten it?"), cancellationToken);
            return;
        }
        var message = new UserMessage(question) { ConversationId = ConversationKey(activity) };
        if (IsPersonal(activity)) await StreamAnswerAsync(backend.Engine, activity, message, cancellationToken);
        else await SendAnswerAsync(backend.Engine, activity, message, cancellationToken);
    }

    /// <summary>Group chats and channels: Teams streams only in personal chat, so a typing indicator, then the answer.</summary>
    private async Task SendAnswerAsync(ConversationEngine engine, Activity activity, UserMessage message, CancellationToken cancellationToken)
    {
        await connector.SendAsync(activity, new Activity { Type = ActivityTypes.Typing }, cancellationToken);
        var reply = await engine.AskAsync(message, cancellationToken);
        var id = await connector.ReplyAsync(activity, AnswerActivity.Create(reply.Answer), cancellationToken);
        Remember(activity, id, reply.Answer);
    }

    private async Task StreamAnswerAsync(ConversationEngine engine, Activity activity, UserMessage message, CancellationToken cancellationToken)
    {
        var stream = new StreamingReply(connector, activity, TimeSpan.FromMilliseconds(options.StreamIntervalMilliseconds), time);
        await foreach (var e in engine.StreamAsync(message, cancellationToken))
        {
            switch (e)
            {
                case StatusEvent status:
                    await stream.InformAsync(status.Message, cancellationToken);
                    break;
                case DeltaEvent delta:
                    await stream.AppendAsync(delta.Text, cancellationToken);
                    break;
                case ResetEvent:
                    stream.Withdraw();
                    break;
                case DoneEvent done:
                    var id = await stream.FinishAsync(AnswerActivity.Create(done.Reply.Answer), cancellationToken);
                    Remember(activity, id, done.Reply.Answer);
                    break;
            }
        }
    }

    private void Remember(Activity activity, string? messageId, Domain.Answer answer)
    {
        if (messageId is not null && answer.Id.Length > 0) sent.Remember(activity.Conversation!.Id!, messageId, answer.Id);
    }

    /// <summary>
    /// The engine's conversation for a Teams conversation. A channel thread's id carries its root message
    /// (<c>;messageid=</c>), so each thread is a conversation of its own. Hashed: Teams ids are long and not ours to echo.
    /// </summary>
    public static string ConversationKey(Activity activity) =>
        "teams_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(activity.Conversation?.Id ?? "")))[..32];

    private static bool IsPersonal(Activity activity) => activity.Conversation?.ConversationType is null or "personal";

    private static Activity Text(string markdown) => new() { Type = ActivityTypes.Message, TextFormat = "markdown", Text = markdown };

    private static JsonObject Error(string message) => new() { ["message"] = message };
}

/// <summary>
/// Teams' feedback form, sent as the value of a <c>message/submitAction</c> invoke:
/// <c>{"actionName":"feedback","actionValue":{"reaction":"like"|"dislike","feedback":"{\"feedbackText\":\"…\"}"}}</c>.
/// </summary>
public sealed record FeedbackValue(FeedbackRating Rating, string? Comment)
{
    public static FeedbackValue? Read(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } v) return null;
        if (!v.TryGetProperty("actionName", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() != "feedback") return null;
        if (!v.TryGetProperty("actionValue", out var action) || action.ValueKind != JsonValueKind.Object) return null;
        if (!action.TryGetProperty("reaction", out var reaction) || reaction.ValueKind != JsonValueKind.String) return null;
        FeedbackRating? rating = reaction.GetString() switch { "like" => FeedbackRating.Up, "dislike" => FeedbackRating.Down, _ => null };
        if (rating is null) return null;
        return new FeedbackValue(rating.Value, CommentOf(action));
    }

    /// <summary>The reader's comment: Teams sends the feedback form as a JSON string whose <c>feedbackText</c> is the comment.</summary>
    private static string? CommentOf(JsonElement action)
    {
        if (!action.TryGetProperty("feedback", out var feedback)) return null;
        var form = feedback;
        if (feedback.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var parsed = JsonDocument.Parse(feedback.GetString()!);
                form = parsed.RootElement.Clone();
            }
            catch (JsonException) { return feedback.GetString(); }
        }
        return form.ValueKind == JsonValueKind.Object && form.TryGetProperty("feedbackText", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()
            : null;
    }
}
