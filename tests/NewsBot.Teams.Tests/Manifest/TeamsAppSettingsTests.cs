using NewsBot.Teams.Manifest;
using NewsBot.Testing;

namespace NewsBot.Teams.Tests.Manifest;

/// <summary>Settings Teams would reject are refused before anything is written, each with the setting it concerns and the rule.</summary>
public sealed class TeamsAppSettingsTests
{
    private static readonly TeamsAppSettings Valid = new() { AppId = "0b7e6c1a-3f4d-4c2b-9a8e-5d6f7a8b9c0d" };

    private static TeamsAppSettingError SingleError(TeamsAppSettings settings) => Assert.Single(settings.Validate());

    [Fact]
    public void An_app_id_alone_is_enough()
    {
        Assert.Empty(Valid.Validate());
        Assert.Empty((Valid with { AppId = " 0B7E6C1A-3F4D-4C2B-9A8E-5D6F7A8B9C0D " }).Validate());
    }

    [Theory]
    [InlineData("")]
    [InlineData("newsbot")]
    [InlineData("0b7e6c1a3f4d4c2b9a8e5d6f7a8b9c0d")]
    [InlineData("{0b7e6c1a-3f4d-4c2b-9a8e-5d6f7a8b9c0d}")]
    [InlineData("0b7e6c1a-3f4d-4c2b-9a8e-5d6f7a8b9c0")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void The_app_id_must_be_a_real_guid_in_the_manifest_form(string appId)
    {
        var error = SingleError(Valid with { AppId = appId });

        Assert.Equal(nameof(TeamsAppSettings.AppId), error.Setting);
        Assert.Contains("must be a GUID", error.Problem);
    }

    [Theory]
    [InlineData(nameof(TeamsAppSettings.ShortName), 30)]
    [InlineData(nameof(TeamsAppSettings.FullName), 100)]
    [InlineData(nameof(TeamsAppSettings.ShortDescription), 80)]
    [InlineData(nameof(TeamsAppSettings.FullDescription), 4000)]
    [InlineData(nameof(TeamsAppSettings.DeveloperName), 32)]
    public void Texts_may_reach_their_limit_but_not_pass_it(string setting, int limit)
    {
        Assert.Empty(WithText(setting, new string('n', limit)).Validate());

        var error = SingleError(WithText(setting, new string('n', limit + 1)));
        Assert.Equal(setting, error.Setting);
        Assert.Equal($"must be at most {limit} characters (it is {limit + 1})", error.Problem);
    }

    [Fact]
    public void Limits_count_characters_not_utf16_units()
    {
        var thirtyCharacters = new string('n', 29) + "📰"; // 31 UTF-16 units

        Assert.Empty((Valid with { ShortName = thirtyCharacters }).Validate());
    }

    [Fact]
    public void Names_and_descriptions_must_not_be_blank()
    {
        Assert.Equal("must not be empty", SingleError(Valid with { ShortName = " " }).Problem);
        Assert.Equal(nameof(TeamsAppSettings.DeveloperName), SingleError(Valid with { DeveloperName = "" }).Setting);
    }

    [Theory]
    [InlineData("http://news.example.org")]
    [InlineData("news.example.org")]
    [InlineData("/privacy")]
    [InlineData("ftp://news.example.org")]
    public void Developer_urls_must_be_absolute_https(string url)
    {
        Assert.Equal(nameof(TeamsAppSettings.WebsiteUrl), SingleError(Valid with { WebsiteUrl = url }).Setting);
        Assert.Equal(nameof(TeamsAppSettings.PrivacyUrl), SingleError(Valid with { PrivacyUrl = url }).Setting);
        var error = SingleError(Valid with { TermsUrl = url });
        Assert.Equal(nameof(TeamsAppSettings.TermsUrl), error.Setting);
        Assert.Contains("https://", error.Problem);
    }

    [Theory]
    [InlineData("1.0.0", true)]
    [InlineData("2.10.31", true)]
    [InlineData("1.0", false)]
    [InlineData("v1.0.0", false)]
    [InlineData("1.0.0-beta", false)]
    [InlineData("01.0.0", false)]
    public void The_version_is_major_minor_patch(string version, bool valid)
    {
        var errors = (Valid with { Version = version }).Validate();

        if (valid) Assert.Empty(errors);
        else Assert.Equal(nameof(TeamsAppSettings.Version), Assert.Single(errors).Setting);
    }

    [Theory]
    [InlineData("news.example.org", true)]
    [InlineData("*.example.org", true)]
    [InlineData("https://news.example.org", false)]
    [InlineData("news.example.org/api", false)]
    [InlineData("localhost", false)]
    [InlineData("", false)]
    public void Valid_domains_are_host_names(string domain, bool valid)
    {
        var errors = (Valid with { ValidDomains = [domain] }).Validate();

        if (valid) Assert.Empty(errors);
        else Assert.Equal(nameof(TeamsAppSettings.ValidDomains), Assert.Single(errors).Setting);
    }

    [Fact]
    public void At_most_sixteen_valid_domains()
    {
        var domains = Enumerable.Range(1, 17).Select(i => $"host{i}.example.org").ToList();

        Assert.Empty((Valid with { ValidDomains = domains[..16] }).Validate());
        Assert.Contains("at most 16", SingleError(Valid with { ValidDomains = domains }).Problem);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var settings = Valid with { AppId = "x", ShortName = new string('n', 31), Version = "one" };

        Assert.Equal(["AppId", "ShortName", "Version"], settings.Validate().Select(e => e.Setting));
    }

    [Fact]
    public void Invalid_settings_make_no_package_and_write_no_file()
    {
        using var dir = new TempDir();
        var settings = Valid with { AppId = "not-a-guid" };

        var e = Assert.Throws<InvalidTeamsAppSettingsException>(() => TeamsAppPackage.Write(dir.File("out/app.zip"), settings));

        Assert.Equal("AppId", Assert.Single(e.Errors).Setting);
        Assert.Contains("AppId must be a GUID", e.Message);
        Assert.False(Directory.Exists(dir.File("out")));
        Assert.Throws<InvalidTeamsAppSettingsException>(() => TeamsAppPackage.Create(settings));
    }

    private static TeamsAppSettings WithText(string setting, string text) => setting switch
    {
        nameof(TeamsAppSettings.ShortName) => Valid with { ShortName = text },
        nameof(TeamsAppSettings.FullName) => Valid with { FullName = text },
        nameof(TeamsAppSettings.ShortDescription) => Valid with { ShortDescription = text },
        nameof(TeamsAppSettings.FullDescription) => Valid with { FullDescription = text },
        nameof(TeamsAppSettings.DeveloperName) => Valid with { DeveloperName = text },
        _ => throw new ArgumentOutOfRangeException(nameof(setting)),
    };
}
