using System.Text.Json.Serialization;

namespace NewsBot.Discord.Model;

// Discord API v10 objects, with the fields NewsBot reads and writes (snake_case on the wire).

public sealed class DiscordUser
{
    public string Id { get; set; } = "";
    public string? Username { get; set; }
    public string? GlobalName { get; set; }
    public bool? Bot { get; set; }
}

public sealed class DiscordMessage
{
    public string Id { get; set; } = "";
    public string ChannelId { get; set; } = "";
    public string? GuildId { get; set; }
    public DiscordUser? Author { get; set; }
    public string? Content { get; set; }
    public List<Embed>? Embeds { get; set; }
    public List<DiscordUser>? Mentions { get; set; }
    /// <summary>0 default, 19 reply, …</summary>
    public int Type { get; set; }
    public MessageReference? MessageReference { get; set; }
}

public sealed class DiscordChannel
{
    public string Id { get; set; } = "";
    /// <summary>0 guild text, 1 DM, 11 public thread, 12 private thread, …</summary>
    public int Type { get; set; }
    public string? GuildId { get; set; }
    public string? ParentId { get; set; }
    public string? OwnerId { get; set; }
    public string? Name { get; set; }
}

public sealed class MessageReference
{
    public string? MessageId { get; set; }
    public string? ChannelId { get; set; }
    public string? GuildId { get; set; }
    /// <summary>False: a reply to a deleted message still posts.</summary>
    public bool? FailIfNotExists { get; set; }
}

/// <summary>Which mentions in a message may ping. NewsBot always sends <c>{"parse": []}</c>: corpus text pings nobody.</summary>
public sealed class AllowedMentions
{
    public List<string> Parse { get; set; } = [];
    public bool? RepliedUser { get; set; }

    public static AllowedMentions None => new() { Parse = [], RepliedUser = false };
}

/// <summary>The body of "create message" and of interaction follow-ups.</summary>
public sealed class MessageCreate
{
    public string? Content { get; set; }
    public List<Embed>? Embeds { get; set; }
    public AllowedMentions AllowedMentions { get; set; } = AllowedMentions.None;
    public MessageReference? MessageReference { get; set; }
    public List<ActionRow>? Components { get; set; }
    /// <summary>64 = ephemeral (interaction responses only).</summary>
    public int? Flags { get; set; }
}

/// <summary>The body of "edit message" and "edit original interaction response".</summary>
public sealed class MessageEdit
{
    public string? Content { get; set; }
    public List<Embed>? Embeds { get; set; }
    public AllowedMentions AllowedMentions { get; set; } = AllowedMentions.None;
    public List<ActionRow>? Components { get; set; }
}

public sealed class Embed
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Url { get; set; }
    public int? Color { get; set; }
    public List<EmbedField>? Fields { get; set; }
    public EmbedFooter? Footer { get; set; }
}

public sealed class EmbedField
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
    public bool? Inline { get; set; }
}

public sealed class EmbedFooter
{
    public string Text { get; set; } = "";
}

/// <summary>Component type 1: a row of up to five buttons.</summary>
public sealed class ActionRow
{
    public int Type { get; set; } = 1;
    public List<Button> Components { get; set; } = [];
}

/// <summary>Component type 2. Styles: 1 primary, 2 secondary, 3 success, 4 danger, 5 link (with <see cref="Url"/>, no custom id).</summary>
public sealed class Button
{
    public int Type { get; set; } = 2;
    public int Style { get; set; } = 2;
    public string? Label { get; set; }
    public PartialEmoji? Emoji { get; set; }
    public string? CustomId { get; set; }
    public string? Url { get; set; }
    public bool? Disabled { get; set; }
}

public sealed class PartialEmoji
{
    public string? Name { get; set; }
}

public sealed class StartThread
{
    public string Name { get; set; } = "";
    /// <summary>Minutes of inactivity before the thread archives: 60, 1440, 4320 or 10080.</summary>
    public int AutoArchiveDuration { get; set; } = 1440;
}
