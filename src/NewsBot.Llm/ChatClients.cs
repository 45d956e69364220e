using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace NewsBot.Llm;

/// <summary>
/// The configured language model as an <see cref="IChatClient"/>, over the OpenAI .NET SDK: OpenAI itself, Azure
/// OpenAI's v1 API, or an OpenAI-compatible server. Retries of 429 and 5xx are the SDK's (exponential, honouring
/// Retry-After); the whole answer's time limit is the caller's.
/// </summary>
public static class ChatClients
{
    /// <summary>The client for <paramref name="options"/>, or null when no model is configured.</summary>
    public static IChatClient? Create(LlmOptions options)
    {
        if (!options.Enabled) return null;
        var settings = new OpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
            // Each attempt may take the whole budget; the caller cancels the answer as a whole when it runs out.
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        };
        var key = options.ApiKey;
        switch (options.Provider)
        {
            case LlmProvider.OpenAI:
                if (options.BaseUrl is { Length: > 0 } url) settings.Endpoint = new Uri(url);
                break;
            case LlmProvider.AzureOpenAI:
                settings.Endpoint = AzureV1(options.BaseUrl!);
                // Azure's v1 API takes the key as a bearer token, as OpenAI does; gateways in front of it often want api-key.
                settings.AddPolicy(new HeaderPolicy("api-key", key!), PipelinePosition.PerCall);
                break;
            case LlmProvider.OpenAICompatible:
                settings.Endpoint = new Uri(options.BaseUrl!);
                key = string.IsNullOrEmpty(key) ? "no-key" : key;  // local servers take none; the SDK needs one to send
                break;
        }
        return new ChatClient(options.Model!, new ApiKeyCredential(key!), settings).AsIChatClient();
    }

    /// <summary>Azure OpenAI's v1 API under the resource's endpoint: <c>https://RESOURCE.openai.azure.com/openai/v1/</c>.</summary>
    public static Uri AzureV1(string endpoint)
    {
        var trimmed = endpoint.TrimEnd('/');
        if (trimmed.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase)) return new Uri(trimmed + "/");
        if (trimmed.EndsWith("/openai", StringComparison.OrdinalIgnoreCase)) return new Uri(trimmed + "/v1/");
        return new Uri(trimmed + "/openai/v1/");
    }

    /// <summary>Adds a header to every request.</summary>
    private sealed class HeaderPolicy(string name, string value) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set(name, value);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set(name, value);
            return ProcessNextAsync(message, pipeline, currentIndex);
        }
    }
}
