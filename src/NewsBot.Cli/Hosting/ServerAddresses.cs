using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace NewsBot.Cli.Hosting;

public static class ServerAddresses
{
    /// <summary>The addresses Kestrel actually bound (a port of 0 becomes the one the system chose).</summary>
    public static IReadOnlyCollection<string> GetServerAddresses(this IServiceProvider services) =>
        services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
