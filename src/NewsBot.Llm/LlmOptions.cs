namespace NewsBot.Llm;

/// <summary>Which service writes generated answers.</summary>
public enum LlmProvider
{
    /// <summary>No language model: NewsBot answers by quoting (the extractive answerer).</summary>
    None,
    OpenAI,
    /// <summary>Azure OpenAI through its v1 API (<c>https://RESOURCE.openai.azure.com/openai/v1/</c>).</summary>
    AzureOpenAI,
    /// <summary>Any server speaking OpenAI's chat completions: Ollama, vLLM, LM Studio, llama.cpp's server.</summary>
    OpenAICompatible,
}

/// <summary>Configuration section <c>Llm</c>.</summary>
public sealed class LlmOptions
{
    public const string Section = "Llm";

    public LlmProvider Provider { get; set; } = LlmProvider.None;
    /// <summary>The service's address: required for Azure (the resource's endpoint) and OpenAI-compatible servers; OpenAI's own by default.</summary>
    public string? BaseUrl { get; set; }
    /// <summary>The model (for Azure, the deployment's name).</summary>
    public string? Model { get; set; }
    /// <summary>A secret: <c>NEWSBOT__LLM__APIKEY</c> or user secrets, never the file; never logged. Optional for local servers.</summary>
    public string? ApiKey { get; set; }
    /// <summary>Longest wait for a whole generated answer; past it NewsBot answers by quoting.</summary>
    public int TimeoutSeconds { get; set; } = 30;
    /// <summary>Budget of the prompt (instructions, conversation, sources, question), counted at about four characters a token.</summary>
    public int MaxContextTokens { get; set; } = 6000;
    /// <summary>Retries of a 429 or 5xx (the OpenAI SDK's, honouring Retry-After) before NewsBot answers by quoting.</summary>
    public int MaxRetries { get; set; } = 2;

    public bool Enabled => Provider != LlmProvider.None;

    public IEnumerable<string> Validate()
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return $"Llm:Provider must be None, OpenAI, AzureOpenAI or OpenAICompatible (it is {Provider}).";
            yield break;
        }
        if (TimeoutSeconds is < 1 or > 600) yield return $"Llm:TimeoutSeconds must be between 1 and 600 (it is {TimeoutSeconds}).";
        if (MaxContextTokens is < 500 or > 1_000_000) yield return $"Llm:MaxContextTokens must be between 500 and 1000000 (it is {MaxContextTokens}).";
        if (MaxRetries is < 0 or > 10) yield return $"Llm:MaxRetries must be between 0 and 10 (it is {MaxRetries}).";
        if (!Enabled) yield break;
        if (string.IsNullOrWhiteSpace(Model))
            yield return $"Llm:Model must name the model{(Provider == LlmProvider.AzureOpenAI ? " deployment" : "")} (Llm:Provider is {Provider}), for example \"gpt-4o-mini\".";
        var needsUrl = Provider is LlmProvider.AzureOpenAI or LlmProvider.OpenAICompatible;
        if (needsUrl && string.IsNullOrWhiteSpace(BaseUrl))
            yield return Provider == LlmProvider.AzureOpenAI
                ? "Llm:BaseUrl must be the Azure OpenAI resource's endpoint, such as \"https://my-resource.openai.azure.com\"."
                : "Llm:BaseUrl must be the server's OpenAI-compatible address, such as \"http://localhost:11434/v1\" (Ollama).";
        if (!string.IsNullOrWhiteSpace(BaseUrl) && (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
            yield return $"Llm:BaseUrl must be an http(s) address (it is \"{BaseUrl}\").";
        if (Provider is LlmProvider.OpenAI or LlmProvider.AzureOpenAI && string.IsNullOrWhiteSpace(ApiKey))
            yield return $"Llm:ApiKey is required for {Provider}: set NEWSBOT__LLM__APIKEY or a user secret (never the file).";
    }
}
