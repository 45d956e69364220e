using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsBot.Cli.Hosting;

namespace NewsBot.Testing;

/// <summary>
/// The real server host (<see cref="ServerHost.CreateHostBuilder"/>, as <c>newsbot serve</c> builds it) on
/// ASP.NET Core's in-memory test server, over the fixture's index.
/// </summary>
public sealed class ServerFactory(IReadOnlyDictionary<string, string?> configuration, bool loadIndex = true) : WebApplicationFactory<BackendLoader>
{
    protected override IHostBuilder CreateHostBuilder() =>
        ServerHost.CreateHostBuilder(NewsBotConfiguration.Build(configuration)).ConfigureServices(services =>
        {
            // A server whose index never finishes loading: what clients see in the seconds after a start.
            if (!loadIndex)
                foreach (var loader in services.Where(d => d.ImplementationType == typeof(BackendLoader)).ToList()) services.Remove(loader);
        });

    /// <summary>A client, once the server reports ready (the index loads in the background).</summary>
    public async Task<HttpClient> CreateReadyClientAsync()
    {
        var client = CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await client.GetAsync("/healthz")).StatusCode != System.Net.HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The server did not become ready within 60 s.");
            await Task.Delay(50);
        }
        return client;
    }
}
