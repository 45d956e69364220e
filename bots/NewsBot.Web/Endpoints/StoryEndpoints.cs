using NewsBot.Conversation;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NewsBot.Index;
using NewsBot.Web.Contracts;
using NewsBot.Web.Http;

namespace NewsBot.Web.Endpoints;

/// <summary><c>GET /api/stories?since=DATE&amp;q=TEXT&amp;limit=N</c>: the latest stories, newest first.</summary>
public static class StoryEndpoints
{
    public const int MaxLimit = 100;

    public static void MapStoryEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGet("/stories", ListAsync)
            .WithName("Stories").WithSummary("The latest stories, newest first; since (yyyy-MM-dd) and q (a topic) narrow them.")
            .Produces<StoriesResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> ListAsync(HttpContext context, BotReadiness readiness, string? since, string? q, string? limit)
    {
        if (readiness.Backend is not { } backend) return Problems.NotReady(readiness);
        DateOnly? from = null;
        if (since is { Length: > 0 })
        {
            if (!DateOnly.TryParseExact(since, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return Problems.BadRequest($"\"since\" must be a date written yyyy-MM-dd, e.g. 2025-03-01 (got \"{Clip(since)}\").");
            from = date;
        }
        var count = 20;
        if (limit is { Length: > 0 } && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
            return Problems.BadRequest($"\"limit\" must be a whole number from 1 to {MaxLimit}.");
        if (q is { Length: > 200 }) return Problems.BadRequest("\"q\" is limited to 200 characters.");
        var filter = from is null ? SearchFilter.None : new SearchFilter { From = from };
        var stories = await backend.Engine.LatestStoriesAsync(q, filter, count, context.RequestAborted);
        return TypedResults.Json(new StoriesResponse(stories.Select(StoryDto.From).ToList()), WebJsonContext.Default.StoriesResponse);
    }

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
