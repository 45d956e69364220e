using System.Text.Json;

namespace NewsBot.Discord.Model;

/// <summary>An interaction (slash command, button press, or the endpoint's PING), from the gateway or the HTTP endpoint.</summary>
public sealed class Interaction
{
    public string Id { get; set; } = "";
    public string ApplicationId { get; set; } = "";
    /// <summary>1 PING, 2 APPLICATION_COMMAND, 3 MESSAGE_COMPONENT, 4 autocomplete, 5 modal submit.</summary>
    public int Type { get; set; }
    public InteractionData? Data { get; set; }
    public string? GuildId { get; set; }
    public string? ChannelId { get; set; }
    /// <summary>Set in guilds (with its <c>user</c>); <see cref="User"/> is set in DMs.</summary>
    public GuildMember? Member { get; set; }
    public DiscordUser? User { get; set; }
    public string Token { get; set; } = "";
    /// <summary>The message a button was pressed on.</summary>
    public DiscordMessage? Message { get; set; }

    public DiscordUser? Invoker => Member?.User ?? User;
}

public static class InteractionTypes
{
    public const int Ping = 1;
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
}

public sealed class GuildMember
{
    public DiscordUser? User { get; set; }
}

public sealed class InteractionData
{
    /// <summary>Slash commands: the command's name.</summary>
    public string? Name { get; set; }
    public List<CommandOptionValue>? Options { get; set; }
    /// <summary>Buttons: the custom id.</summary>
    public string? CustomId { get; set; }
    public int? ComponentType { get; set; }
}

public sealed class CommandOptionValue
{
    public string Name { get; set; } = "";
    public int Type { get; set; }
    public JsonElement? Value { get; set; }
}

/// <summary>
/// Types: 1 PONG, 4 message, 5 deferred message ("thinking…"), 6 deferred update (a button press acknowledged),
/// 7 update the button's message.
/// </summary>
public sealed class InteractionResponse
{
    public int Type { get; set; }
    public MessageCreate? Data { get; set; }
}

public static class InteractionResponseTypes
{
    public const int Pong = 1;
    public const int ChannelMessage = 4;
    public const int DeferredChannelMessage = 5;
    public const int DeferredUpdateMessage = 6;
    public const int UpdateMessage = 7;
}

public static class MessageFlags
{
    public const int Ephemeral = 64;
}

/// <summary>A slash command as registered (bulk overwrite).</summary>
public sealed class ApplicationCommand
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>1 CHAT_INPUT (slash command).</summary>
    public int Type { get; set; } = 1;
    public List<ApplicationCommandOption>? Options { get; set; }
}

public sealed class ApplicationCommandOption
{
    /// <summary>3 STRING.</summary>
    public int Type { get; set; } = 3;
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public bool? Required { get; set; }
    public int? MaxLength { get; set; }
}
