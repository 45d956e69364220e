using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using NewsBot.Conversation;
using NewsBot.Conversation.Streaming;
using NewsBot.Web.Contracts;
using NewsBot.Web.Http;

namespace NewsBot.Web.Endpoints;

/// <summary><c>POST /api/ask</c> (the answer as JSON) and <c>POST /api/ask/stream</c> (the same, as Server-Sent Events).</summary>
public static partial class AskEndpoints
{
    public static void MapAskEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/ask", AskAsync)
            .WithName("Ask").WithSummary("Answers a question with cited stories.")
            .Accepts<AskRequest>("application/json")
            .Produces<AnswerDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/ask/stream", StreamAsync)
            .WithName("AskStream")
            .WithSummary("Answers a question as Server-Sent Events: status, delta (text as it is produced), citations, done (the whole answer), error.")
            .Accepts<AskRequest>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> AskAsync(HttpContext context, BotReadiness readiness, WebOptions options)
    {
        var (backend, message, problem) = await ReadQuestionAsync(context, readiness, options);
        if (problem is not null) return problem;
        var reply = await backend!.Engine.AskAsync(message!, context.RequestAborted);
        return TypedResults.Json(AnswerDto.From(reply.Answer), WebJsonContext.Default.AnswerDto);
    }

    private static async Task StreamAsync(HttpContext context, BotReadiness readiness, WebOptions options, ILoggerFactory logs)
    {
        var (backend, message, problem) = await ReadQuestionAsync(context, readiness, options);
        if (problem is not null)
        {
            await problem.ExecuteAsync(context);
            return;
        }
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx and friends: pass each event on at once
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var events = new SseWriter(response.Body);
        var cancel = context.RequestAborted;
        var json = WebJsonContext.Default;
        try
        {
            await foreach (var e in backend!.Engine.StreamAsync(message!, cancel))
            {
                var (name, payload) = e switch
                {
                    StatusEvent s => ("status", JsonSerializer.Serialize(new StatusPayload(s.Message), json.StatusPayload)),
                    DeltaEvent d => ("delta", JsonSerializer.Serialize(new DeltaPayload(d.Text), json.DeltaPayload)),
                    ResetEvent r => ("reset", JsonSerializer.Serialize(new ResetPayload(r.Reason), json.ResetPayload)),
                    CitationsEvent c => ("citations", JsonSerializer.Serialize(new CitationsPayload(c.Citations.Select(CitationDto.From).ToList()), json.CitationsPayload)),
                    DoneEvent done => ("done", JsonSerializer.Serialize(AnswerDto.From(done.Reply.Answer), json.AnswerDto)),
                    _ => throw new InvalidOperationException($"Unknown answer event {e.GetType().Name}."),
                };
                await events.WriteAsync(name, payload, cancel);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The reader went away; nobody is left to tell.
        }
        catch (Exception e)
        {
            // The status line has gone out already: the failure travels as an event, without internals.
            logs.CreateLogger("NewsBot.Web.Ask").LogError(e, "Answering a streamed question failed");
            var error = new ErrorPayload("Something went wrong while answering. Please try again.", StatusCodes.Status500InternalServerError);
            try { await events.WriteAsync("error", JsonSerializer.Serialize(error, json.ErrorPayload), CancellationToken.None); }
            catch (IOException) { }
        }
    }

    private static async Task<(BotBackend? Backend, UserMessage? Message, IResult? Problem)> ReadQuestionAsync(
        HttpContext context, BotReadiness readiness, WebOptions options)
    {
        if (readiness.Backend is not { } backend) return (null, null, Problems.NotReady(readiness));
        var (request, problem) = await JsonBody.ReadAsync(context, WebJsonContext.Default.AskRequest, options.MaxBodyBytes);
        if (problem is not null) return (null, null, problem);
        var question = request!.Question?.Trim() ?? "";
        if (question.Length == 0) return (null, null, Problems.BadRequest("\"question\" is required: the text of the question."));
        if (question.Length > options.MaxQuestionLength)
            return (null, null, Problems.BadRequest($"The question is {question.Length:N0} characters long; the limit is {options.MaxQuestionLength:N0}. Shorten it and ask again."));
        if (request.ConversationId is { } id && !ConversationIdPattern().IsMatch(id))
            return (null, null, Problems.BadRequest("\"conversationId\" must be the id a previous answer returned (letters, digits, '_', '-', at most 100)."));
        return (backend, new UserMessage(question) { ConversationId = request.ConversationId }, null);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_\-:.]{1,100}$")]
    private static partial Regex ConversationIdPattern();
}
