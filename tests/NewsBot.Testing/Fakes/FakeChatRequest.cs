using System.Text.Json.Nodes;

namespace NewsBot.Testing.Fakes;

/// <summary>One message of a chat-completions request, its content flattened to text.</summary>
public sealed record FakeChatMessage(string Role, string Content);

/// <summary>A chat-completions request as <see cref="FakeOpenAiServer"/> received it.</summary>
public sealed record FakeChatRequest(
    string Method,
    string Path,
    string? Model,
    IReadOnlyList<FakeChatMessage> Messages,
    bool Stream,
    IReadOnlyDictionary<string, string> Headers,
    JsonObject Body,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The system (or developer) message, empty when there is none.</summary>
    public string System => Messages.FirstOrDefault(m => m.Role is "system" or "developer")?.Content ?? "";

    /// <summary>The last user message, empty when there is none.</summary>
    public string LastUser => Messages.LastOrDefault(m => m.Role == "user")?.Content ?? "";

    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
