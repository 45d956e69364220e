using NewsBot.Conversation;
using Microsoft.AspNetCore.Http;

namespace NewsBot.Web.Http;

/// <summary>RFC 7807 problem responses with a message a reader can act on, and nothing internal.</summary>
public static class Problems
{
    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult NotReady(BotReadiness readiness) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "Not ready", readiness.Failure ?? "NewsBot is loading its index; try again in a few seconds.",
            headers: h => h["Retry-After"] = "5");

    public static IResult Problem(int status, string title, string detail, Action<IHeaderDictionary>? headers = null) =>
        new ProblemResult(status, title, detail, headers);

    private sealed class ProblemResult(int status, string title, string detail, Action<IHeaderDictionary>? headers) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            headers?.Invoke(context.Response.Headers);
            return TypedResults.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
        }
    }
}
