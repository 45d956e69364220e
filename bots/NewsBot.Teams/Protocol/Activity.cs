using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NewsBot.Teams.Protocol;

/// <summary>
/// A Bot Framework activity (Bot Connector REST API v3), with the fields NewsBot reads and writes. Unknown fields of
/// inbound activities are ignored; entities and channel data stay JSON, since their shape depends on their type.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? Name { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? Text { get; set; }
    public string? Locale { get; set; }
    public string? ReplyToId { get; set; }
    public string? Action { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<JsonObject>? Entities { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public JsonObject? ChannelData { get; set; }
    public JsonElement? Value { get; set; }
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string Typing = "typing";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    /// <summary>"personal", "groupChat" or "channel".</summary>
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public bool? IsGroup { get; set; }
}

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public JsonNode? Content { get; set; }
    public string? Name { get; set; }
}

/// <summary>The connector's answer to a sent activity: the id it gave the activity.</summary>
public sealed class ResourceResponse
{
    public string? Id { get; set; }
}

/// <summary>The connector's error body: <c>{"error": {"code": "...", "message": "..."}}</c>.</summary>
public sealed class ErrorResponse
{
    public ErrorDetail? Error { get; set; }
}

public sealed class ErrorDetail
{
    public string? Code { get; set; }
    public string? Message { get; set; }
}

/// <summary>What an invoke activity gets back in the HTTP response.</summary>
public sealed record InvokeResponse(int Status, JsonObject? Body = null);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(Rendering.AiMessageEntity))]
[JsonSerializable(typeof(Rendering.StreamInfoEntity))]
[JsonSerializable(typeof(Connector.TokenResponse))]
public sealed partial class TeamsJsonContext : JsonSerializerContext;
