using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NewsBot.Teams.Manifest;

/// <summary>
/// NewsBot's <c>manifest.json</c>: one conversational bot (the app's id is the bot's id) in personal chat, teams and
/// group chats, and the commands Teams suggests to its users.
/// </summary>
/// <remarks>
/// Manifest version 1.22 (May 2025): generally available, and the version the Teams platform's manifest reference
/// calls current. The later ones (1.23 to 1.29) add optional properties, mostly for Copilot agents and Office add-ins,
/// that a bot which chats does not need; this manifest validates against them too once its version is changed, so
/// moving up is a change of <see cref="ManifestVersion"/> (the schema URL follows it).
/// </remarks>
public static class TeamsAppManifest
{
    public const string ManifestVersion = "1.22";
    public const string SchemaUrl = $"https://developer.microsoft.com/json-schemas/teams/v{ManifestVersion}/MicrosoftTeams.schema.json";

    /// <summary>The chat widget's default accent (widget.js), so that NewsBot looks the same in Teams and on the web.</summary>
    public const string AccentColor = "#6D28D9";

    public const string ColorIconFile = "color.png";
    public const string OutlineIconFile = "outline.png";

    /// <summary>Where the bot can be installed: personal chat, a team's channels, group chats.</summary>
    public static IReadOnlyList<string> Scopes { get; } = ["personal", "team", "groupChat"];

    /// <summary>The commands Teams lists when a user types to the bot (or @mentions it in a team or group chat).</summary>
    public static IReadOnlyList<TeamsBotCommand> Commands { get; } =
    [
        new("help", "What NewsBot can do"),
        new("latest", "The newest AI stories, optionally on a topic: latest robotics"),
        new("new", "Start a new conversation"),
    ];

    // The manifest is read by Teams and by people, never embedded in HTML: quotes and accents need no \u escapes.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The manifest for valid <paramref name="settings"/>, as UTF-8 JSON.</summary>
    public static byte[] Create(TeamsAppSettings settings)
    {
        settings.EnsureValid();
        var appId = settings.NormalizedAppId;
        var manifest = new JsonObject
        {
            ["$schema"] = SchemaUrl,
            ["manifestVersion"] = ManifestVersion,
            ["version"] = settings.Version,
            ["id"] = appId,
            ["developer"] = new JsonObject
            {
                ["name"] = settings.DeveloperName.Trim(),
                ["websiteUrl"] = settings.WebsiteUrl,
                ["privacyUrl"] = settings.EffectivePrivacyUrl,
                ["termsOfUseUrl"] = settings.EffectiveTermsUrl,
            },
            ["name"] = new JsonObject { ["short"] = settings.ShortName.Trim(), ["full"] = settings.EffectiveFullName.Trim() },
            ["description"] = new JsonObject { ["short"] = settings.ShortDescription.Trim(), ["full"] = settings.FullDescription.Trim() },
            ["icons"] = new JsonObject { ["outline"] = OutlineIconFile, ["color"] = ColorIconFile },
            ["accentColor"] = AccentColor,
            ["bots"] = new JsonArray(Bot(appId)),
            ["validDomains"] = Array(settings.ValidDomains.Distinct(StringComparer.OrdinalIgnoreCase)),
        };
        return JsonSerializer.SerializeToUtf8Bytes(manifest, Indented);
    }

    private static JsonObject Bot(string appId) => new()
    {
        ["botId"] = appId,
        ["scopes"] = Array(Scopes),
        ["supportsFiles"] = false,
        ["isNotificationOnly"] = false,
        // One list per scope, as the schema asks, though the commands are the same everywhere.
        ["commandLists"] = new JsonArray(Scopes.Select(scope => (JsonNode)new JsonObject
        {
            ["scopes"] = Array([scope]),
            ["commands"] = new JsonArray(Commands.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["description"] = c.Description }).ToArray()),
        }).ToArray()),
    };

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
