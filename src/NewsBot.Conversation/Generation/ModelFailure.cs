namespace NewsBot.Conversation.Generation;

/// <summary>Why a call to the model failed, in a few words for logs and answers: never the prompt, the question or a key.</summary>
public static class ModelFailure
{
    public static string Describe(Exception e) => e switch
    {
        // The SDK's network timeout surfaces as an AggregateException of the cancelled attempts.
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 => Describe(aggregate.InnerExceptions[^1]),
        OperationCanceledException or TimeoutException => "the model did not answer in time",
        // A stream cut off midway: HttpClient reports the reset connection as an IOException.
        IOException => "the model's answer was cut off",
        HttpRequestException { StatusCode: { } status } => $"the model's service answered HTTP {(int)status}",
        HttpRequestException => "the model's service could not be reached",
        // The OpenAI SDK's ClientResultException carries the HTTP status; this layer does not depend on that SDK.
        _ when e.GetType().GetProperty("Status")?.GetValue(e) is int status and > 0 => $"the model's service answered HTTP {status}",
        _ when e.InnerException is { } inner => Describe(inner),
        _ => "the model failed (" + e.GetType().Name + ")",
    };
}
