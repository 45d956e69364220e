using NewsBot.Discord.Model;

namespace NewsBot.Discord.Bot;

/// <summary>NewsBot's slash commands, registered at start with a bulk overwrite (idempotent: the same list every time).</summary>
public static class DiscordCommands
{
    public const string Ask = "ask";
    public const string Latest = "latest";
    public const string Sources = "sources";
    public const string New = "new";

    public static IReadOnlyList<ApplicationCommand> All { get; } =
    [
        new() { Name = Ask, Description = "Ask NewsBot about AI news; the answer cites its stories",
            Options = [new() { Name = "question", Description = "Your question", Required = true, MaxLength = Conversation.ConversationEngine.MaxQuestionLength }] },
        new() { Name = Latest, Description = "The newest AI stories, optionally on a topic",
            Options = [new() { Name = "topic", Description = "A topic, e.g. robotics", Required = false, MaxLength = 200 }] },
        new() { Name = Sources, Description = "The sources of NewsBot's last answer here, in full" },
        new() { Name = New, Description = "Start a new conversation with NewsBot here" },
    ];

    /// <summary>The engine's question for <c>/latest [topic]</c>: its "what's new" path lists the newest stories.</summary>
    public static string LatestQuestion(string? topic) => string.IsNullOrWhiteSpace(topic) ? "What's new?" : $"Latest news about {topic.Trim()}";
}
