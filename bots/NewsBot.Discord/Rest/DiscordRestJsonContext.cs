using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsBot.Discord.Rest;

/// <summary>
/// JSON for the objects only the REST client reads (the gateway's address, Discord's error bodies), with the same
/// snake_case options as <see cref="Model.DiscordJsonContext"/>, which serializes the message and interaction bodies.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GatewayBotInfo))]
[JsonSerializable(typeof(DiscordErrorBody))]
internal sealed partial class DiscordRestJsonContext : JsonSerializerContext;
