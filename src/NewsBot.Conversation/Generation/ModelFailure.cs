namespace NewsBot.Conversation.Generation;

/// <summary>Why a call to the model failed, in a few words for logs and answers: never the prompt, the question or a key.</summary>
public static class ModelFailure
{
    public static string Describe(Exception e) => e switch
    {
        OperationCanceledException or TimeoutException => "the model did not answer in time",
        HttpRequestException { StatusCode: { } status } => $"the model's service answered HTTP {(int)status}",
        HttpRequestException => "the model's service could not be reached",
        // The OpenAI SDK's ClientResultException carries the HTTP status; this layer does not depend on that SDK.
        _ when e.GetType().GetProperty("Status")?.GetValue(e) is int status and > 0 => $"the model's service answered HTTP {status}",
        _ => "the model failed (" + e.GetType().Name + ")",
    };
}
