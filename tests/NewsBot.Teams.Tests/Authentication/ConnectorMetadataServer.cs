using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace NewsBot.Teams.Tests.Authentication;

/// <summary>
/// A real HTTP server on 127.0.0.1 (port chosen by the OS) serving OpenID metadata and the JWKS it points at, as
/// the Bot Connector's login endpoint does. Keys can be published while it runs; requests are counted.
/// </summary>
internal sealed class ConnectorMetadataServer : IAsyncDisposable
{
    private const string MetadataPath = "/v1/.well-known/openidconfiguration";
    private const string KeysPath = "/v1/keys";

    private readonly WebApplication _app;
    private readonly List<ConnectorSigningKey> _keys = [];
    private int _metadataRequests;
    private int _keysRequests;

    private ConnectorMetadataServer()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(ServeAsync);
    }

    private string BaseUrl { get; set; } = "";
    public string MetadataUrl => BaseUrl + MetadataPath;
    private string KeysUrl => BaseUrl + KeysPath;
    public int MetadataRequests => Volatile.Read(ref _metadataRequests);
    public int KeysRequests => Volatile.Read(ref _keysRequests);
    /// <summary>While true, every request is answered 500, as during an outage (503 would be retried once by IdentityModel).</summary>
    public bool Unavailable { get; set; }

    public static async Task<ConnectorMetadataServer> StartAsync(params ConnectorSigningKey[] keys)
    {
        var server = new ConnectorMetadataServer();
        foreach (var key in keys) server.Publish(key);
        await server._app.StartAsync();
        server.BaseUrl = server._app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');
        return server;
    }

    public void Publish(ConnectorSigningKey key)
    {
        lock (_keys) _keys.Add(key);
    }

    private Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path == MetadataPath) Interlocked.Increment(ref _metadataRequests);
        if (path == KeysPath) Interlocked.Increment(ref _keysRequests);
        if (Unavailable)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        }
        switch (path)
        {
            case MetadataPath:
                return context.Response.WriteAsJsonAsync(new Dictionary<string, object>
                {
                    ["issuer"] = "https://api.botframework.com",
                    ["jwks_uri"] = KeysUrl,
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                    ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
                });
            case KeysPath:
                List<Dictionary<string, object>> jwks;
                lock (_keys) jwks = _keys.Select(k => k.ToJwk()).ToList();
                return context.Response.WriteAsync(JsonSerializer.Serialize(new { keys = jwks }));
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
