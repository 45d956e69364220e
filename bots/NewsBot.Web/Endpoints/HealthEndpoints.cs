using NewsBot.Conversation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NewsBot.Web.Contracts;

namespace NewsBot.Web.Endpoints;

/// <summary><c>GET /healthz</c>: 200 once the index is loaded and answering, 503 before (or when loading failed, with why).</summary>
public static class HealthEndpoints
{
    public static void MapHealthEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", (HttpContext context, BotReadiness readiness) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return readiness.Backend is not null
                ? TypedResults.Json(new HealthDto("ready", null), WebJsonContext.Default.HealthDto)
                : TypedResults.Json(new HealthDto(readiness.Failure is null ? "loading" : "failed", readiness.Failure), WebJsonContext.Default.HealthDto,
                    statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithName("Health").WithSummary("200 once the index is loaded, 503 before.").Produces<HealthDto>().Produces<HealthDto>(StatusCodes.Status503ServiceUnavailable);
}
