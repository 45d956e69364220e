using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using NewsBot.Discord.Bot;
using NewsBot.Discord.Interactions;
using NewsBot.Discord.Rest;

namespace NewsBot.Discord;

/// <summary>
/// The Discord adapter: Discord's API v10 (gateway and REST) without Discord.Net, as a hosted service inside the
/// server, plus the optional HTTP interactions endpoint. A host adds it with <see cref="AddNewsBotDiscord"/> and maps
/// the endpoint with <see cref="MapNewsBotDiscord"/>; it answers through the shared backend.
/// </summary>
public static class NewsBotDiscord
{
    public static IServiceCollection AddNewsBotDiscord(this IServiceCollection services, DiscordOptions options)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NewsBot.Conversation.BotReadiness>();
        services.AddHttpClient(nameof(DiscordRestClient), http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton(sp => new DiscordRestClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(DiscordRestClient)), options,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DiscordRestClient>>()));
        services.AddSingleton<DiscordBot>();
        services.AddHostedService<DiscordHostedService>();
        return services;
    }

    public static IEndpointRouteBuilder MapNewsBotDiscord(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDiscordInteractions();
        return endpoints;
    }
}
