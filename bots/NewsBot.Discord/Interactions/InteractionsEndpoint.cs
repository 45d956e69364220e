using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NewsBot.Discord.Bot;
using NewsBot.Discord.Model;

namespace NewsBot.Discord.Interactions;

/// <summary>
/// <c>POST /api/discord/interactions</c>, the optional HTTP interactions endpoint (set it as the application's
/// Interactions Endpoint URL; needs <c>Discord:PublicKey</c>). Every request's Ed25519 signature is checked first:
/// a bad one gets 401. PING gets PONG; commands and buttons get their initial response in the HTTP response.
/// </summary>
public static class InteractionsEndpoint
{
    public const string Path = "/api/discord/interactions";
    private const int MaxBodyBytes = 64 * 1024;
    /// <summary>Discord waits 3 seconds for the initial response.</summary>
    private static readonly TimeSpan InitialResponseDeadline = TimeSpan.FromSeconds(2.5);

    public static IEndpointConventionBuilder MapDiscordInteractions(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync).WithName("DiscordInteractions").ExcludeFromDescription();

    private static async Task<IResult> HandleAsync(HttpContext context, DiscordOptions options, DiscordBot bot)
    {
        if (string.IsNullOrEmpty(options.PublicKey)) return TypedResults.NotFound();
        if (context.Request.ContentLength > MaxBodyBytes) return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaxBodyBytes) return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        var body = buffer.ToArray();

        var signature = new InteractionSignature(options.PublicKey);
        if (!signature.IsValid(context.Request.Headers["X-Signature-Ed25519"], context.Request.Headers["X-Signature-Timestamp"], body))
            return TypedResults.Problem("invalid request signature", statusCode: StatusCodes.Status401Unauthorized);

        Interaction? interaction;
        try { interaction = JsonSerializer.Deserialize(body, DiscordJsonContext.Default.Interaction); }
        catch (JsonException) { return TypedResults.Problem("The body is not an interaction.", statusCode: StatusCodes.Status400BadRequest); }
        if (interaction is null) return TypedResults.Problem("The body is not an interaction.", statusCode: StatusCodes.Status400BadRequest);

        var initial = new TaskCompletionSource<InteractionResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The bot goes on after the initial response (a deferred answer is edited in later), beyond this request.
        _ = bot.HandleInteractionAsync(interaction, r => { initial.TrySetResult(r); return Task.CompletedTask; }, CancellationToken.None);
        try
        {
            var response = await initial.Task.WaitAsync(InitialResponseDeadline, context.RequestAborted);
            return TypedResults.Json(response, DiscordJsonContext.Default.InteractionResponse);
        }
        catch (TimeoutException)
        {
            return TypedResults.Problem("NewsBot could not answer in time.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
