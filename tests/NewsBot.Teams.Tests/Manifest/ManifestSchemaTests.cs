using System.Text.Json;
using System.Text.RegularExpressions;
using NewsBot.Teams.Manifest;

namespace NewsBot.Teams.Tests.Manifest;

/// <summary>
/// The manifest against the parts of the app manifest schema a bot-only app touches, checked by hand (no JSON Schema
/// validator is among the project's packages).
/// </summary>
/// <remarks>
/// Source of the lists below: https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json,
/// as shipped in the @microsoft/app-manifest npm package (build/json-schemas/teams/v1.22/MicrosoftTeams.schema.json):
/// the <c>required</c> arrays, the <c>properties</c> of the objects that declare <c>additionalProperties: false</c>,
/// and the enums and patterns. Only these few lists are copied, not the schema.
/// </remarks>
public sealed class ManifestSchemaTests
{
    private static readonly string[] RequiredTopLevel = ["manifestVersion", "version", "id", "developer", "name", "description", "icons", "accentColor"];

    // Object path -> (required, allowed) in the schema.
    private static readonly Dictionary<string, (string[] Required, string[] Allowed)> Objects = new()
    {
        ["developer"] = (["name", "websiteUrl", "privacyUrl", "termsOfUseUrl"], ["name", "mpnId", "websiteUrl", "privacyUrl", "termsOfUseUrl"]),
        ["name"] = (["short"], ["short", "full"]),
        ["description"] = (["short", "full"], ["short", "full"]),
        ["icons"] = (["outline", "color"], ["outline", "color", "color32x32"]),
    };

    private static readonly string[] BotRequired = ["botId", "scopes"];
    private static readonly string[] BotAllowed = ["botId", "configuration", "needsChannelSelector", "isNotificationOnly", "supportsFiles", "supportsCalling", "supportsVideo", "scopes", "commandLists", "requirementSet"];
    private static readonly string[] BotScopes = ["team", "personal", "groupChat", "copilot"];
    private static readonly string[] CommandListKeys = ["scopes", "commands"]; // required and allowed
    private static readonly string[] CommandKeys = ["title", "description"]; // required and allowed
    private const int MaxCommandLists = 3, MaxCommandsPerList = 10, CommandTitleMaxLength = 128, CommandDescriptionMaxLength = 4000, MaxValidDomains = 16;
    private const string GuidPattern = "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$";
    private const string HexColorPattern = "^#[0-9a-fA-F]{6}$";

    private static JsonDocument Manifest() =>
        JsonDocument.Parse(TeamsAppManifest.Create(new TeamsAppSettings { AppId = "0b7e6c1a-3f4d-4c2b-9a8e-5d6f7a8b9c0d", ValidDomains = ["news.example.org"] }));

    [Fact]
    public void Every_required_property_is_present_and_not_empty()
    {
        using var manifest = Manifest();
        var root = manifest.RootElement;

        AssertHas(root, RequiredTopLevel, "manifest");
        foreach (var (name, (required, _)) in Objects) AssertHas(root.GetProperty(name), required, name);
        var bot = Assert.Single(root.GetProperty("bots").EnumerateArray());
        AssertHas(bot, BotRequired, "bot");
        foreach (var list in bot.GetProperty("commandLists").EnumerateArray())
        {
            AssertHas(list, CommandListKeys, "commandList");
            foreach (var command in list.GetProperty("commands").EnumerateArray()) AssertHas(command, CommandKeys, "command");
        }
    }

    [Fact]
    public void Closed_objects_hold_only_properties_the_schema_defines()
    {
        using var manifest = Manifest();
        var root = manifest.RootElement;

        foreach (var (name, (_, allowed)) in Objects) AssertOnly(root.GetProperty(name), allowed, name);
        var bot = root.GetProperty("bots")[0];
        AssertOnly(bot, BotAllowed, "bot");
        foreach (var list in bot.GetProperty("commandLists").EnumerateArray())
        {
            AssertOnly(list, CommandListKeys, "commandList");
            foreach (var command in list.GetProperty("commands").EnumerateArray()) AssertOnly(command, CommandKeys, "command");
        }
    }

    [Fact]
    public void Values_keep_to_the_schemas_enums_patterns_and_sizes()
    {
        using var manifest = Manifest();
        var root = manifest.RootElement;
        var bot = root.GetProperty("bots")[0];

        Assert.Equal(TeamsAppManifest.ManifestVersion, root.GetProperty("manifestVersion").GetString());
        Assert.EndsWith($"/v{TeamsAppManifest.ManifestVersion}/MicrosoftTeams.schema.json", root.GetProperty("$schema").GetString());
        Assert.Matches(GuidPattern, root.GetProperty("id").GetString());
        Assert.Matches(GuidPattern, bot.GetProperty("botId").GetString());
        Assert.Matches(HexColorPattern, root.GetProperty("accentColor").GetString());
        Assert.All(bot.GetProperty("scopes").EnumerateArray(), s => Assert.Contains(s.GetString(), BotScopes));
        var lists = bot.GetProperty("commandLists").EnumerateArray().ToList();
        Assert.InRange(lists.Count, 1, MaxCommandLists);
        foreach (var list in lists)
        {
            Assert.All(list.GetProperty("scopes").EnumerateArray(), s => Assert.Contains(s.GetString(), BotScopes));
            var commands = list.GetProperty("commands").EnumerateArray().ToList();
            Assert.InRange(commands.Count, 1, MaxCommandsPerList);
            Assert.All(commands, c => Assert.InRange(c.GetProperty("title").GetString()!.Length, 1, CommandTitleMaxLength));
            Assert.All(commands, c => Assert.InRange(c.GetProperty("description").GetString()!.Length, 1, CommandDescriptionMaxLength));
        }
        Assert.InRange(root.GetProperty("validDomains").GetArrayLength(), 0, MaxValidDomains);
        Assert.Matches(new Regex(@"^\d+\.\d+\.\d+$"), root.GetProperty("version").GetString());
    }

    private static void AssertHas(JsonElement element, IEnumerable<string> required, string what)
    {
        foreach (var key in required)
        {
            Assert.True(element.TryGetProperty(key, out var value), $"{what} lacks required \"{key}\"");
            if (value.ValueKind == JsonValueKind.String) Assert.False(string.IsNullOrWhiteSpace(value.GetString()), $"{what}.{key} is empty");
        }
    }

    private static void AssertOnly(JsonElement element, string[] allowed, string what) =>
        Assert.All(element.EnumerateObject(), p => Assert.True(allowed.Contains(p.Name), $"{what} has \"{p.Name}\", which the schema does not define"));
}
