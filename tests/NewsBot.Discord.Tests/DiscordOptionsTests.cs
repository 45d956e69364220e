using Microsoft.Extensions.Configuration;
using NewsBot.Cli.Hosting;

namespace NewsBot.Discord.Tests;

/// <summary>The server refuses a Discord configuration it cannot use, naming the key, and never echoing the token.</summary>
public sealed class DiscordOptionsTests
{
    private static IReadOnlyList<string> Errors(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();
        return Assert.Throws<ConfigurationException>(() => ServerHost.ValidateConfiguration(configuration)).Errors;
    }

    [Fact]
    public void A_token_without_the_application_id_names_the_missing_key_and_not_the_token()
    {
        var errors = Errors(("Discord:Token", "secret-token-value"));
        var error = Assert.Single(errors);
        Assert.StartsWith("Discord:ApplicationId is required", error);
        Assert.DoesNotContain("secret-token-value", error);
    }

    [Theory]
    [InlineData("Discord:GuildId", "my-server", "Discord:GuildId")]
    [InlineData("Discord:PublicKey", "abc", "Discord:PublicKey")]
    [InlineData("Discord:ShardId", "3", "Discord:ShardId")]
    [InlineData("Discord:ApiBaseUrl", "discord", "Discord:ApiBaseUrl")]
    public void Malformed_values_are_refused_by_name(string key, string value, string named) =>
        Assert.Contains(Errors((key, value)), e => e.StartsWith(named, StringComparison.Ordinal));

    [Fact]
    public void Without_a_token_the_Discord_bot_is_off()
    {
        var (_, _, discord) = ServerHost.ValidateConfiguration(new ConfigurationBuilder().Build());
        Assert.False(discord.Enabled);
    }
}
