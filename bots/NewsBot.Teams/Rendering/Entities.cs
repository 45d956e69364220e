using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NewsBot.Teams.Protocol;

namespace NewsBot.Teams.Rendering;

/// <summary>
/// Teams' root message entity: <c>additionalType: ["AIGeneratedContent"]</c> shows the "AI generated" label, and
/// <c>citation</c> turns the text's <c>[n]</c> markers into citation pills with a pop-up (name, abstract, link).
/// </summary>
public sealed class AiMessageEntity
{
    public string Type { get; init; } = "https://schema.org/Message";
    [JsonPropertyName("@type")] public string SchemaType { get; init; } = "Message";
    [JsonPropertyName("@context")] public string Context { get; init; } = "https://schema.org";
    [JsonPropertyName("@id")] public string SchemaId { get; init; } = "";
    public List<string>? AdditionalType { get; init; }
    public List<ClaimCitation>? Citation { get; init; }
}

/// <summary>One citation: <see cref="Position"/> is the n of the text's <c>[n]</c>.</summary>
public sealed class ClaimCitation
{
    [JsonPropertyName("@type")] public string SchemaType { get; init; } = "Claim";
    public required int Position { get; init; }
    public required CitationAppearance Appearance { get; init; }
}

public sealed class CitationAppearance
{
    [JsonPropertyName("@type")] public string SchemaType { get; init; } = "DigitalDocument";
    /// <summary>The cited document's title; Teams allows 80 characters.</summary>
    public required string Name { get; init; }
    /// <summary>An extract; Teams allows 160 characters.</summary>
    public required string Abstract { get; init; }
    public string? Url { get; init; }
    /// <summary>Up to three short keywords (Teams allows 28 characters each), shown in the pop-up.</summary>
    public List<string>? Keywords { get; init; }
}

/// <summary>Teams' streaming marker: which stream an update belongs to, what kind it is, and its place in the sequence.</summary>
public sealed class StreamInfoEntity
{
    public string Type { get; init; } = "streaminfo";
    public string? StreamId { get; init; }
    /// <summary>"informative", "streaming" or "final".</summary>
    public required string StreamType { get; init; }
    public int? StreamSequence { get; init; }
}

internal static class EntityJson
{
    public static JsonObject ToJson(AiMessageEntity entity) => (JsonObject)JsonSerializer.SerializeToNode(entity, TeamsJsonContext.Default.AiMessageEntity)!;
    public static JsonObject ToJson(StreamInfoEntity entity) => (JsonObject)JsonSerializer.SerializeToNode(entity, TeamsJsonContext.Default.StreamInfoEntity)!;
}
