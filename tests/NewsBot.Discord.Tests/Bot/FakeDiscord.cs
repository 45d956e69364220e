using System.Text.Json.Nodes;
using NewsBot.Discord.Tests.Fakes;
using NewsBot.Testing;

namespace NewsBot.Discord.Tests.Bot;

/// <summary>
/// The whole FAKE Discord the bot talks to (the gateway and the REST API, both on loopback), and the real server
/// host configured to use it: pointing <c>Discord:ApiBaseUrl</c> at the fake is all it takes.
/// </summary>
public sealed class FakeDiscord : IAsyncDisposable
{
    public const string ChannelId = "2200000000000000001";
    private static long _nextId = 3300000000000000000;

    public FakeDiscordRest Rest { get; private init; } = null!;
    public FakeDiscordGateway Gateway { get; private init; } = null!;
    public ServerFactory Server { get; private init; } = null!;

    public static async Task<FakeDiscord> StartAsync(NewsIndexFixture news, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var rest = await FakeDiscordRest.StartAsync();
        var gateway = await FakeDiscordGateway.StartAsync();
        gateway.BotUserId = rest.BotUserId;
        gateway.ApplicationId = rest.ApplicationId;
        rest.GatewayUrl = gateway.Url.ToString();
        var settings = new Dictionary<string, string?>
        {
            ["Discord:Token"] = rest.Token,
            ["Discord:ApplicationId"] = rest.ApplicationId,
            ["Discord:GuildId"] = rest.GuildId,
            ["Discord:ApiBaseUrl"] = rest.ApiBaseUrl.ToString().TrimEnd('/'),
            ["Discord:CooldownSeconds"] = "0",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        var discord = new FakeDiscord { Rest = rest, Gateway = gateway, Server = new ServerFactory(news.Configuration(settings)) };
        await discord.Server.CreateReadyClientAsync(); // starts the host: the bot registers its commands and connects
        await gateway.WaitForAsync(g => g.SessionId is not null, "the bot identified");
        return discord;
    }

    public static string NewId() => Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A reader's message in the guild channel (or another channel), as MESSAGE_CREATE carries it.</summary>
    public JsonObject Message(string content, string? channelId = null, string? userId = null, bool mention = false, bool inGuild = true)
    {
        var message = new JsonObject
        {
            ["id"] = NewId(),
            ["channel_id"] = channelId ?? ChannelId,
            ["author"] = new JsonObject { ["id"] = userId ?? "4400000000000000001", ["username"] = "reader" },
            ["content"] = mention ? $"<@{Rest.BotUserId}> {content}" : content,
            ["mentions"] = mention ? new JsonArray(new JsonObject { ["id"] = Rest.BotUserId, ["username"] = "NewsBot", ["bot"] = true }) : new JsonArray(),
            ["type"] = 0,
        };
        if (inGuild) message["guild_id"] = Rest.GuildId;
        return message;
    }

    /// <summary>An interaction as INTERACTION_CREATE carries it: a slash command (type 2) or a button (type 3).</summary>
    public JsonObject Interaction(int type, JsonObject data, string? userId = null, string? channelId = null)
    {
        var token = "interaction-token-" + NewId();
        Rest.RegisterInteraction(token, channelId ?? ChannelId);
        return new JsonObject
        {
            ["id"] = NewId(),
            ["application_id"] = Rest.ApplicationId,
            ["type"] = type,
            ["data"] = data,
            ["guild_id"] = Rest.GuildId,
            ["channel_id"] = channelId ?? ChannelId,
            ["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = userId ?? "4400000000000000001", ["username"] = "reader" } },
            ["token"] = token,
            ["version"] = 1,
        };
    }

    public static JsonObject Command(string name, params (string Name, string Value)[] options) => new()
    {
        ["id"] = NewId(), ["name"] = name, ["type"] = 1,
        ["options"] = new JsonArray(options.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["type"] = 3, ["value"] = o.Value }).ToArray()),
    };

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Gateway.DisposeAsync();
        await Rest.DisposeAsync();
    }
}
