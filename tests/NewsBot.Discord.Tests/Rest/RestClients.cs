using Microsoft.Extensions.Logging;
using NewsBot.Discord.Rest;
using NewsBot.Discord.Tests.Fakes;

namespace NewsBot.Discord.Tests.Rest;

/// <summary>A <see cref="DiscordRestClient"/> pointed at a <see cref="FakeDiscordRest"/>, with its token and application id.</summary>
internal static class RestClients
{
    public static DiscordRestClient For(FakeDiscordRest fake, Action<DiscordOptions>? configure = null, ILogger<DiscordRestClient>? log = null)
    {
        var options = new DiscordOptions { Token = fake.Token, ApplicationId = fake.ApplicationId, ApiBaseUrl = fake.ApiBaseUrl.ToString() };
        configure?.Invoke(options);
        return new DiscordRestClient(new HttpClient(), options, TimeProvider.System, log ?? new ListLogger<DiscordRestClient>());
    }
}

