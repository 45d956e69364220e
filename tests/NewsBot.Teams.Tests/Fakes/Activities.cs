using System.Text.Json.Nodes;

namespace NewsBot.Teams.Tests.Fakes;

/// <summary>Inbound activities as Teams sends them (shapes from the Bot Framework and Teams docs, and the Agents Playground).</summary>
public static class Activities
{
    public const string BotId = "28:newsbot";
    public const string ReaderId = "29:reader";

    public static JsonObject Message(Uri serviceUrl, string text, string conversationType = "personal", string? conversationId = null, string? id = null,
        bool mentionBot = false)
    {
        var activity = Base("message", serviceUrl, conversationType, conversationId, id);
        activity["text"] = mentionBot ? $"<at>NewsBot</at> {text}" : text;
        if (mentionBot)
            activity["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention", ["text"] = "<at>NewsBot</at>", ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "NewsBot" },
            });
        return activity;
    }

    public static JsonObject MembersAdded(Uri serviceUrl, string memberId, string conversationType = "personal")
    {
        var activity = Base("conversationUpdate", serviceUrl, conversationType, null, null);
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = memberId });
        return activity;
    }

    public static JsonObject Feedback(Uri serviceUrl, string replyToId, string reaction, string? comment, string conversationType = "personal", string? conversationId = null)
    {
        var activity = Base("invoke", serviceUrl, conversationType, conversationId, null);
        activity["name"] = "message/submitAction";
        activity["replyToId"] = replyToId;
        var actionValue = new JsonObject { ["reaction"] = reaction };
        if (comment is not null) actionValue["feedback"] = new JsonObject { ["feedbackText"] = comment }.ToJsonString();
        activity["value"] = new JsonObject { ["actionName"] = "feedback", ["actionValue"] = actionValue };
        return activity;
    }

    public static string DefaultConversation(string conversationType) => conversationType switch
    {
        "channel" => "19:general@thread.tacv2;messageid=1716000000000",
        "groupChat" => "19:group@thread.v2",
        _ => "a:personal-chat-with-reader",
    };

    private static JsonObject Base(string type, Uri serviceUrl, string conversationType, string? conversationId, string? id) => new()
    {
        ["type"] = type,
        ["id"] = id ?? "in-" + Guid.NewGuid().ToString("N")[..12],
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = serviceUrl.ToString(),
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = ReaderId, ["name"] = "Reader", ["aadObjectId"] = "00000000-0000-0000-0000-000000000020" },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "NewsBot" },
        ["conversation"] = new JsonObject
        {
            ["id"] = conversationId ?? DefaultConversation(conversationType),
            ["conversationType"] = conversationType,
            ["tenantId"] = "00000000-0000-0000-0000-000000000001",
            ["isGroup"] = conversationType != "personal",
        },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "00000000-0000-0000-0000-000000000001" } },
        ["locale"] = "en-US",
    };
}
