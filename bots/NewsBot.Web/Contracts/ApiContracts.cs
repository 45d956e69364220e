using System.Text.Json;
using System.Text.Json.Serialization;
using NewsBot.Domain;

namespace NewsBot.Web.Contracts;

// The HTTP API's shapes: a contract other tools rely on, so they are declared here rather than derived from the
// domain types, which may change. camelCase; dates as yyyy-MM-dd; absent values as null.

public sealed record AskRequest(string? Question, string? ConversationId);

public sealed record AnswerDto(
    string AnswerId, string ConversationId, string Text, IReadOnlyList<CitationDto> Citations, IReadOnlyList<string> FollowUps, bool Abstained,
    string AnsweredBy, string? FallbackReason)
{
    public static AnswerDto From(Answer answer) => new(answer.Id, answer.ConversationId ?? "", answer.Text,
        answer.Citations.Select(CitationDto.From).ToList(), answer.FollowUps, answer.Abstained, AuthorName(answer.Author), answer.FallbackReason);

    /// <summary>"extractive" (quoted by NewsBot), "model" (written by the language model), or "extractive-fallback".</summary>
    public static string AuthorName(AnswerAuthor author) => author switch
    {
        AnswerAuthor.Model => "model",
        AnswerAuthor.ExtractiveFallback => "extractive-fallback",
        _ => "extractive",
    };
}

public sealed record CitationDto(int Number, string StoryId, string PassageId, string Title, string Publication, DateOnly? Date, string? Url, string Quote)
{
    public static CitationDto From(Citation c) => new(c.Number, c.StoryId, c.PassageId, c.Title, c.Publication, c.Date, c.Url, c.Quote);
}

public sealed record StoryDto(string Id, string Title, string Publication, DateOnly? Date, string? Url, string Kind, string? Section, string Summary)
{
    public static StoryDto From(Story s) => new(s.Id, s.Title, s.Publication, s.Date, s.Url, s.Kind.ToString().ToLowerInvariant(), s.Section,
        s.Text.Length <= 280 ? s.Text : s.Text[..277].TrimEnd() + "…");
}

public sealed record StoriesResponse(IReadOnlyList<StoryDto> Stories);

public sealed record FeedbackRequest(string? AnswerId, string? Rating, string? Comment);

public sealed record FeedbackEntryDto(string AnswerId, string Rating, string? Comment, string Channel, string? Question, DateTimeOffset CreatedAt);

public sealed record FeedbackSummaryDto(long Up, long Down, long Total, IReadOnlyList<FeedbackEntryDto> Recent);

// Server-Sent Event payloads of POST /api/ask/stream.
public sealed record StatusPayload(string Message);
public sealed record DeltaPayload(string Text);
/// <summary>The text streamed so far is withdrawn (a generated answer replaced by the quoted one); the deltas that follow are the answer.</summary>
public sealed record ResetPayload(string Reason);
public sealed record CitationsPayload(IReadOnlyList<CitationDto> Citations);
public sealed record ErrorPayload(string Message, int Status);

public sealed record HealthDto(string Status, string? Detail);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AskRequest))]
[JsonSerializable(typeof(AnswerDto))]
[JsonSerializable(typeof(StoriesResponse))]
[JsonSerializable(typeof(FeedbackRequest))]
[JsonSerializable(typeof(FeedbackSummaryDto))]
[JsonSerializable(typeof(StatusPayload))]
[JsonSerializable(typeof(DeltaPayload))]
[JsonSerializable(typeof(ResetPayload))]
[JsonSerializable(typeof(CitationsPayload))]
[JsonSerializable(typeof(ErrorPayload))]
[JsonSerializable(typeof(HealthDto))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))]
public sealed partial class WebJsonContext : JsonSerializerContext;
