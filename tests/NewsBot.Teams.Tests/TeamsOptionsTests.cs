using Microsoft.Extensions.Configuration;
using NewsBot.Cli.Hosting;

namespace NewsBot.Teams.Tests;

/// <summary>The server refuses to start with a Teams configuration it cannot use, and says which key to fix.</summary>
public sealed class TeamsOptionsTests
{
    private static ConfigurationException Refused(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();
        return Assert.Throws<ConfigurationException>(() => ServerHost.ValidateConfiguration(configuration));
    }

    [Fact]
    public void An_app_id_without_its_secret_names_the_secrets_key()
    {
        var e = Refused(("Teams:AppId", "00000000-0000-0000-0000-0000000000b0"));
        Assert.Contains(e.Errors, m => m.StartsWith("Teams:AppPassword is required", StringComparison.Ordinal));
    }

    [Fact]
    public void An_app_id_that_is_not_a_GUID_is_refused()
    {
        var e = Refused(("Teams:AppId", "newsbot"), ("Teams:AppPassword", "secret-value"));
        var message = Assert.Single(e.Errors);
        Assert.StartsWith("Teams:AppId must be the Azure Bot's Microsoft App ID", message);
        Assert.DoesNotContain("secret-value", e.Message);
    }

    [Fact]
    public void Out_of_range_limits_and_unknown_keys_are_refused_by_name()
    {
        Assert.Contains(Refused(("Teams:MaxRequestsPerSecond", "0")).Errors, m => m.StartsWith("Teams:MaxRequestsPerSecond", StringComparison.Ordinal));
        Assert.Contains(Refused(("Teams:OpenIdMetadataUrl", "not a url")).Errors, m => m.StartsWith("Teams:OpenIdMetadataUrl", StringComparison.Ordinal));
        Assert.Contains(Refused(("Teams:AppSecret", "x")).Errors, m => m.Contains("AppSecret", StringComparison.Ordinal));
    }

    [Fact]
    public void No_teams_settings_at_all_is_local_development_mode()
    {
        var configuration = new ConfigurationBuilder().Build();
        var (_, teams, _) = ServerHost.ValidateConfiguration(configuration);
        Assert.True(teams.IsAnonymous);
    }
}
