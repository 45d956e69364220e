using System.Text.Json;
using NewsBot.Teams.Manifest;

namespace NewsBot.Teams.Tests.Manifest;

/// <summary>The package Teams side-loads: what the zip holds, what the manifest declares, and that the icons are what Teams requires.</summary>
public sealed class TeamsAppPackageTests
{
    private const string AppId = "0B7E6C1A-3F4D-4C2B-9A8E-5D6F7A8B9C0D";
    private const string NormalizedAppId = "0b7e6c1a-3f4d-4c2b-9a8e-5d6f7a8b9c0d";

    private static TeamsPackageReader Open(TeamsAppSettings settings) => new(TeamsAppPackage.Create(settings));

    private static readonly TeamsAppSettings Defaults = new() { AppId = AppId };

    [Fact]
    public void The_zip_holds_the_manifest_and_both_icons_at_its_root_and_nothing_else()
    {
        using var package = Open(Defaults);

        Assert.Equal(["color.png", "manifest.json", "outline.png"], package.Entries.Order());
        Assert.Equal("color.png", package.Manifest.GetProperty("icons").GetProperty("color").GetString());
        Assert.Equal("outline.png", package.Manifest.GetProperty("icons").GetProperty("outline").GetString());
    }

    [Fact]
    public void The_manifest_pins_its_schema_and_carries_the_app_version()
    {
        using var package = Open(Defaults);
        using var later = Open(Defaults with { Version = "2.3.4" });
        var manifest = package.Manifest;

        Assert.Equal("1.22", manifest.GetProperty("manifestVersion").GetString());
        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json", manifest.GetProperty("$schema").GetString());
        Assert.Equal("1.0.0", manifest.GetProperty("version").GetString());
        Assert.Equal("2.3.4", later.Manifest.GetProperty("version").GetString());
    }

    [Fact]
    public void The_app_and_its_one_bot_carry_the_bot_app_id()
    {
        using var package = Open(Defaults);
        var manifest = package.Manifest;
        var bot = Assert.Single(manifest.GetProperty("bots").EnumerateArray());

        Assert.Equal(NormalizedAppId, manifest.GetProperty("id").GetString());
        Assert.Equal(NormalizedAppId, bot.GetProperty("botId").GetString());
        Assert.Equal(["personal", "team", "groupChat"], Strings(bot.GetProperty("scopes")));
        Assert.False(bot.GetProperty("supportsFiles").GetBoolean());
        Assert.False(bot.GetProperty("isNotificationOnly").GetBoolean());
    }

    [Fact]
    public void Every_scope_gets_the_help_latest_and_new_commands()
    {
        using var package = Open(Defaults);
        var lists = package.Manifest.GetProperty("bots")[0].GetProperty("commandLists").EnumerateArray().ToList();

        Assert.Equal(["personal", "team", "groupChat"], lists.SelectMany(l => Strings(l.GetProperty("scopes"))));
        foreach (var list in lists)
        {
            var commands = list.GetProperty("commands").EnumerateArray()
                .ToDictionary(c => c.GetProperty("title").GetString()!, c => c.GetProperty("description").GetString());
            Assert.Equal(3, commands.Count);
            Assert.Equal("What NewsBot can do", commands["help"]);
            Assert.Equal("The newest AI stories, optionally on a topic: latest robotics", commands["latest"]);
            Assert.Equal("Start a new conversation", commands["new"]);
        }
    }

    [Fact]
    public void Names_descriptions_developer_and_domains_come_from_the_settings()
    {
        using var package = Open(Defaults with
        {
            ShortName = "AI News",
            FullName = "AI News, answered with sources",
            DeveloperName = "Contoso Research",
            WebsiteUrl = "https://news.contoso.com",
            PrivacyUrl = "https://news.contoso.com/privacy",
            TermsUrl = "https://news.contoso.com/terms",
            ValidDomains = ["news.contoso.com", "*.contoso.com", "NEWS.contoso.com"],
        });
        var manifest = package.Manifest;

        Assert.Equal("AI News", manifest.GetProperty("name").GetProperty("short").GetString());
        Assert.Equal("AI News, answered with sources", manifest.GetProperty("name").GetProperty("full").GetString());
        var developer = manifest.GetProperty("developer");
        Assert.Equal("Contoso Research", developer.GetProperty("name").GetString());
        Assert.Equal("https://news.contoso.com", developer.GetProperty("websiteUrl").GetString());
        Assert.Equal("https://news.contoso.com/privacy", developer.GetProperty("privacyUrl").GetString());
        Assert.Equal("https://news.contoso.com/terms", developer.GetProperty("termsOfUseUrl").GetString());
        Assert.Equal(["news.contoso.com", "*.contoso.com"], Strings(manifest.GetProperty("validDomains")));
        Assert.Matches("^#[0-9A-Fa-f]{6}$", manifest.GetProperty("accentColor").GetString());
    }

    [Fact]
    public void Without_their_own_urls_privacy_and_terms_point_at_the_website_and_the_full_name_is_the_short_one()
    {
        using var package = Open(Defaults with { ShortName = "Radar", WebsiteUrl = "https://radar.example.org/" });
        var developer = package.Manifest.GetProperty("developer");

        Assert.Equal("https://radar.example.org/", developer.GetProperty("privacyUrl").GetString());
        Assert.Equal("https://radar.example.org/", developer.GetProperty("termsOfUseUrl").GetString());
        Assert.Equal("Radar", package.Manifest.GetProperty("name").GetProperty("full").GetString());
        Assert.Empty(package.Manifest.GetProperty("validDomains").EnumerateArray());
        var description = package.Manifest.GetProperty("description");
        Assert.InRange(description.GetProperty("short").GetString()!.Length, 1, 80);
        Assert.Contains("latest robotics", description.GetProperty("full").GetString());
    }

    [Fact]
    public void The_colour_icon_is_192_pixels_opaque_and_in_the_accent_colour_with_a_white_mark()
    {
        using var package = Open(Defaults);
        var icon = package.Color;
        var accent = Rgb(package.Manifest.GetProperty("accentColor").GetString()!);

        Assert.Equal((192, 192), (icon.Width, icon.Height));
        Assert.All(icon.AllPixels(), p => Assert.Equal(255, p.A));
        Assert.Equal(accent, Colour(icon[0, 0]));
        Assert.Equal(accent, Colour(icon[191, 191]));
        var pixels = icon.AllPixels().Select(Colour).ToList();
        Assert.InRange(pixels.Count(p => p == accent) / (double)pixels.Count, 0.4, 0.9);
        Assert.InRange(pixels.Count(p => p == (255, 255, 255)) / (double)pixels.Count, 0.1, 0.6);
    }

    [Fact]
    public void The_outline_icon_is_32_pixels_of_white_on_transparent_only()
    {
        using var package = Open(Defaults);
        var icon = package.Outline;

        Assert.Equal((32, 32), (icon.Width, icon.Height));
        Assert.All(icon.AllPixels(), p => Assert.True(p.A == 0 || (p.R, p.G, p.B) == (255, 255, 255), $"pixel {p} is neither transparent nor white"));
        Assert.Equal(0, icon[0, 0].A);
        Assert.Equal(0, icon[16, 7].A); // inside the bubble, above the headline
        var opaque = icon.AllPixels().Count(p => p.A == 255);
        Assert.InRange(opaque, 150, 600); // a solid mark, not a faint one nor a filled square
    }

    [Fact]
    public void The_icons_are_well_formed_pngs()
    {
        using var package = Open(Defaults);

        // Decoding already checked each chunk's CRC, the IHDR and the image data's size.
        Assert.Equal(["IHDR", "IDAT", "IEND"], package.Color.ChunkTypes);
        Assert.Equal(["IHDR", "IDAT", "IEND"], package.Outline.ChunkTypes);
    }

    [Fact]
    public void The_same_settings_make_the_same_bytes()
    {
        Assert.Equal(TeamsAppPackage.Create(Defaults), TeamsAppPackage.Create(Defaults with { }));
        Assert.NotEqual(TeamsAppPackage.Create(Defaults), TeamsAppPackage.Create(Defaults with { Version = "1.0.1" }));
    }

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    private static (byte R, byte G, byte B) Colour((byte R, byte G, byte B, byte A) p) => (p.R, p.G, p.B);

    private static (byte R, byte G, byte B) Rgb(string hex) =>
        (Convert.ToByte(hex[1..3], 16), Convert.ToByte(hex[3..5], 16), Convert.ToByte(hex[5..7], 16));
}
