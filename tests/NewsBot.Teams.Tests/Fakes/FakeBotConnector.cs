using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NewsBot.Teams.Tests.Fakes;

/// <summary>
/// A FAKE of the Azure services a Teams bot calls, which cannot be reached from here: the Bot Connector's REST API
/// (<c>POST /v3/conversations/{id}/activities[/{replyToId}]</c>, answering 201 with the new activity's id, and the
/// same id for a streaming update that names its stream) and Entra ID's token endpoint
/// (<c>POST /{tenant}/oauth2/v2.0/token</c>, client credentials). It records what it receives, and can be told to
/// answer the next requests with the documented errors (429 with Retry-After, 5xx, 403 for a stopped stream,
/// Entra's invalid_client). Real Kestrel on a loopback port, so the bot's own HTTP stack is exercised.
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    public const string ClientSecret = "fake-client-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _scripted = new();
    private readonly List<ReceivedActivity> _activities = [];
    private readonly List<TokenRequest> _tokenRequests = [];
    private int _nextId;

    private FakeBotConnector(WebApplication app) => _app = app;

    public Uri ServiceUrl { get; private set; } = null!;
    public Uri LoginUrl => ServiceUrl;

    /// <summary>The access token the fake Entra ID hands out (a new one per request).</summary>
    public string LastIssuedToken { get; private set; } = "";

    public IReadOnlyList<ReceivedActivity> Activities { get { lock (_activities) return [.. _activities]; } }
    public IReadOnlyList<TokenRequest> TokenRequests { get { lock (_tokenRequests) return [.. _tokenRequests]; } }

    public static async Task<FakeBotConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeBotConnector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", (HttpContext c, string conversationId, string replyToId) => fake.ReceiveAsync(c, conversationId, replyToId));
        app.MapPost("/v3/conversations/{conversationId}/activities", (HttpContext c, string conversationId) => fake.ReceiveAsync(c, conversationId, null));
        app.MapPost("/{tenant}/oauth2/v2.0/token", (HttpContext c, string tenant) => fake.IssueTokenAsync(c, tenant));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.ServiceUrl = new Uri(address + "/");
        return fake;
    }

    /// <summary>The next request (activity or token) is answered by <paramref name="respond"/> instead of normally.</summary>
    public void ThenRespond(Func<HttpContext, Task> respond) => _scripted.Enqueue(respond);

    public void ThenFail(int status, string? code = null, string? message = null, string? retryAfter = null) => ThenRespond(async context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null) context.Response.Headers.RetryAfter = retryAfter;
        if (code is not null) await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message ?? code } });
    });

    /// <summary>Waits until <paramref name="done"/> holds for the activities received (turns run after the HTTP response).</summary>
    public async Task<IReadOnlyList<ReceivedActivity>> WaitForAsync(Func<IReadOnlyList<ReceivedActivity>, bool> done, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var received = Activities;
            if (done(received)) return received;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The fake Bot Connector did not receive what the test waited for. Received:\n" +
                    string.Join("\n", received.Select(a => $"{a.Type} {a.Body.ToJsonString()[..Math.Min(300, a.Body.ToJsonString().Length)]}")));
            await Task.Delay(20);
        }
    }

    private async Task ReceiveAsync(HttpContext context, string conversationId, string? replyToId)
    {
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        var received = new ReceivedActivity(Uri.UnescapeDataString(conversationId), replyToId is null ? null : Uri.UnescapeDataString(replyToId), context.Request.Headers.Authorization.ToString(), body, DateTime.UtcNow);
        lock (_activities) _activities.Add(received);
        if (_scripted.TryDequeue(out var scripted))
        {
            received.Status = -1;
            await scripted(context);
            return;
        }
        // A streaming update names its stream in its id: the connector answers with that id again.
        var id = (string?)body["id"] ?? $"activity-{Interlocked.Increment(ref _nextId)}";
        received.Status = StatusCodes.Status201Created;
        received.AssignedId = id;
        context.Response.StatusCode = StatusCodes.Status201Created;
        await context.Response.WriteAsJsonAsync(new JsonObject { ["id"] = id });
    }

    private async Task IssueTokenAsync(HttpContext context, string tenant)
    {
        var form = await context.Request.ReadFormAsync();
        lock (_tokenRequests) _tokenRequests.Add(new TokenRequest(tenant, form.ToDictionary(f => f.Key, f => f.Value.ToString())));
        if (_scripted.TryDequeue(out var scripted))
        {
            await scripted(context);
            return;
        }
        if (form["client_secret"] != ClientSecret)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["error"] = "invalid_client",
                ["error_description"] = "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.\r\nTrace ID: 0",
            });
            return;
        }
        LastIssuedToken = "fake-token-" + Guid.NewGuid().ToString("N");
        await context.Response.WriteAsJsonAsync(new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3599, ["access_token"] = LastIssuedToken });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedActivity(string ConversationId, string? ReplyToId, string Authorization, JsonObject Body, DateTime ReceivedAt)
{
    public string? Type => (string?)Body["type"];
    public string? Text => (string?)Body["text"];
    /// <summary>The status the fake answered with (-1 when a scripted response answered instead).</summary>
    public int Status { get; set; }
    public string? AssignedId { get; set; }
    public JsonObject? Entity(string type) => Body["entities"]?.AsArray().OfType<JsonObject>().FirstOrDefault(e => (string?)e["type"] == type);
}

public sealed record TokenRequest(string Tenant, IReadOnlyDictionary<string, string> Form);
