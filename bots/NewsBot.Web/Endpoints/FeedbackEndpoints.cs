using NewsBot.Conversation;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NewsBot.Conversation.Feedback;
using NewsBot.Index.Feedback;
using NewsBot.Web.Contracts;
using NewsBot.Web.Http;

namespace NewsBot.Web.Endpoints;

/// <summary><c>POST /api/feedback</c> (a reader rates an answer) and <c>GET /api/feedback/summary</c> (for maintainers).</summary>
public static class FeedbackEndpoints
{
    public static void MapFeedbackEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/feedback", SaveAsync)
            .WithName("Feedback").WithSummary("Rates an answer up or down, with an optional comment; rating it again replaces the rating.")
            .Accepts<FeedbackRequest>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/feedback/summary", SummaryAsync)
            .WithName("FeedbackSummary").WithSummary("Counts of ratings and the newest ones. Needs X-Api-Key (Web:MaintainerKey), or a request from this machine when no key is set.")
            .Produces<FeedbackSummaryDto>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    private static async Task<IResult> SaveAsync(HttpContext context, BotReadiness readiness, WebOptions options)
    {
        if (readiness.Backend is not { } backend) return Problems.NotReady(readiness);
        var (request, problem) = await JsonBody.ReadAsync(context, WebJsonContext.Default.FeedbackRequest, options.MaxBodyBytes);
        if (problem is not null) return problem;
        if (request!.AnswerId is not { Length: > 0 and <= 100 } answerId) return Problems.BadRequest("\"answerId\" is required: the answerId of the answer you rate.");
        FeedbackRating? rating = request.Rating switch { "up" => FeedbackRating.Up, "down" => FeedbackRating.Down, _ => null };
        if (rating is null) return Problems.BadRequest("\"rating\" must be \"up\" or \"down\".");
        if (request.Comment?.Trim() is { Length: > AnswerFeedback.MaxCommentLength })
            return Problems.BadRequest($"\"comment\" is limited to {AnswerFeedback.MaxCommentLength:N0} characters.");
        return await backend.Feedback.RecordAsync(answerId, rating.Value, request.Comment, "web", context.RequestAborted)
            ? TypedResults.NoContent()
            : Problems.NotFound("No recent answer has that answerId: answers can be rated for a while after they are given, in the conversation that got them.");
    }

    private static async Task<IResult> SummaryAsync(HttpContext context, BotReadiness readiness, WebOptions options, int? recent)
    {
        if (!IsMaintainer(context, options))
            return Problems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
                "Send the maintainers' key (Web:MaintainerKey) in the X-Api-Key header; without a configured key, ask from the server's own machine.");
        if (readiness.Backend is not { } backend) return Problems.NotReady(readiness);
        var summary = await backend.Feedback.SummarizeAsync(Math.Clamp(recent ?? 20, 0, 200), context.RequestAborted);
        return TypedResults.Json(new FeedbackSummaryDto(summary.Up, summary.Down, summary.Total,
            summary.Recent.Select(e => new FeedbackEntryDto(e.AnswerId, e.Rating == FeedbackRating.Up ? "up" : "down", e.Comment, e.Channel, e.Question, e.CreatedAt)).ToList()),
            WebJsonContext.Default.FeedbackSummaryDto);
    }

    private static bool IsMaintainer(HttpContext context, WebOptions options)
    {
        if (options.MaintainerKey is { Length: > 0 } key)
            return context.Request.Headers["X-Api-Key"].ToString() is { Length: > 0 } given
                && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address) && !context.Request.Headers.ContainsKey("X-Forwarded-For");
    }
}
