using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using NewsBot.Teams.Authentication;
using NewsBot.Teams.Protocol;
using NewsBot.Teams.Turns;

namespace NewsBot.Teams.Endpoints;

/// <summary>
/// <c>POST /api/messages</c>, the bot's messaging endpoint in Azure Bot Service. Every request is authenticated
/// (401 otherwise) before anything else is done with it. Invokes are answered in the HTTP response; other activities
/// get 202 at once and are handled by <see cref="TeamsTurns"/>.
/// </summary>
public static class MessagesEndpoint
{
    public const string Path = "/api/messages";

    public static IEndpointConventionBuilder MapTeamsMessages(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync).WithName("TeamsMessages").ExcludeFromDescription();

    private static async Task<IResult> HandleAsync(HttpContext context, TeamsOptions options, BotConnectorAuthenticator authenticator,
        TeamsBot bot, TeamsTurns turns, ILoggerFactory logs)
    {
        var (activity, problem) = await ReadActivityAsync(context, options.MaxActivityBytes);
        if (problem is not null) return problem;

        var auth = await authenticator.AuthenticateAsync(context.Request.Headers.Authorization, activity!.ChannelId, activity.ServiceUrl, context.RequestAborted);
        if (!auth.Succeeded)
        {
            logs.CreateLogger("NewsBot.Teams.Messages").LogWarning("Refused a request to {Path}: {Reason}", Path, auth.Failure);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem("The request is not from the Bot Connector, or its token is not valid for this bot.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            var response = await bot.OnInvokeAsync(activity, context.RequestAborted);
            return response.Body is null ? TypedResults.StatusCode(response.Status) : TypedResults.Json(response.Body, statusCode: response.Status);
        }
        if (!turns.Scheduler.TrySchedule(TeamsBot.ConversationKey(activity), ct => bot.OnActivityAsync(activity, ct)))
        {
            context.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem("NewsBot is busy; the Bot Connector will retry.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy");
        }
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>The activity, read within the size limit; a body that is not one gets a 4xx that says why.</summary>
    private static async Task<(Activity? Activity, IResult? Problem)> ReadActivityAsync(HttpContext context, int maxBytes)
    {
        var request = context.Request;
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "An activity is JSON (Content-Type: application/json)."));
        if (request.ContentLength > maxBytes) return (null, TooLarge(maxBytes));
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes) return (null, TooLarge(maxBytes));
            buffer.Write(chunk, 0, read);
        }
        Activity? activity;
        try { activity = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), TeamsJsonContext.Default.Activity); }
        catch (JsonException) { return (null, Problem(StatusCodes.Status400BadRequest, "The body is not a JSON activity.")); }
        if (activity is null || string.IsNullOrEmpty(activity.Type))
            return (null, Problem(StatusCodes.Status400BadRequest, "The activity has no \"type\"."));
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("https" or "http"))
            return (null, Problem(StatusCodes.Status400BadRequest, "The activity has no valid \"serviceUrl\"."));
        if (string.IsNullOrEmpty(activity.Conversation?.Id))
            return (null, Problem(StatusCodes.Status400BadRequest, "The activity has no \"conversation.id\"."));
        return (activity, null);
    }

    private static IResult TooLarge(int maxBytes) => Problem(StatusCodes.Status413PayloadTooLarge, $"An activity may be at most {maxBytes:N0} bytes.");

    private static IResult Problem(int status, string detail) => TypedResults.Problem(detail, statusCode: status);
}
