using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using NewsBot.Teams.Authentication;
using NewsBot.Teams.Connector;
using NewsBot.Teams.Endpoints;
using NewsBot.Teams.Turns;

namespace NewsBot.Teams;

/// <summary>
/// The Microsoft Teams adapter: the Bot Framework protocol on ASP.NET Core (<c>POST /api/messages</c>), without the
/// Bot Framework SDK. A host adds it with <see cref="AddNewsBotTeams"/> and maps it with <see cref="MapNewsBotTeams"/>;
/// it answers through the shared <see cref="NewsBot.Conversation.BotReadiness"/> backend.
/// </summary>
public static class NewsBotTeams
{
    public static IServiceCollection AddNewsBotTeams(this IServiceCollection services, TeamsOptions options)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NewsBot.Conversation.BotReadiness>();
        services.AddHttpClient(nameof(BotConnectorAuthenticator), http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(nameof(BotTokenProvider), http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(nameof(ConnectorClient), http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton(sp => new BotConnectorAuthenticator(options, Client(sp, nameof(BotConnectorAuthenticator)), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<BotConnectorAuthenticator>>()));
        services.AddSingleton(sp => new BotTokenProvider(Client(sp, nameof(BotTokenProvider)), options, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<BotTokenProvider>>()));
        services.AddSingleton(sp => new ConnectorThrottle(options));
        services.AddSingleton(sp => new ConnectorClient(Client(sp, nameof(ConnectorClient)), sp.GetRequiredService<BotTokenProvider>(),
            sp.GetRequiredService<ConnectorThrottle>(), options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ConnectorClient>>()));
        services.AddSingleton(new SentAnswers());
        services.AddSingleton<TeamsBot>();
        services.AddSingleton<TeamsTurns>();
        services.AddHostedService(sp => sp.GetRequiredService<TeamsTurns>());
        return services;
    }

    public static IEndpointRouteBuilder MapNewsBotTeams(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapTeamsMessages();
        return endpoints;
    }

    private static HttpClient Client(IServiceProvider services, string name) => services.GetRequiredService<IHttpClientFactory>().CreateClient(name);
}
