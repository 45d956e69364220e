namespace NewsBot.Testing.Fakes;

/// <summary>
/// What <see cref="FakeOpenAiServer"/> answers to one chat-completions request: the assistant's text, streamed in
/// chunks of <see cref="ChunkCharacters"/> when the request asks for a stream, or an error as OpenAI words it.
/// </summary>
public sealed record FakeChatReply
{
    /// <summary>The assistant's message.</summary>
    public string Text { get; init; } = "";

    /// <summary>200 for an answer; 429, 500 and the rest are answered with OpenAI's error body.</summary>
    public int StatusCode { get; init; } = 200;

    /// <summary>Sent as <c>Retry-After</c> (whole seconds, rounded up) and <c>retry-after-ms</c>, as OpenAI does on 429.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>How many characters of <see cref="Text"/> each streamed chunk carries.</summary>
    public int ChunkCharacters { get; init; } = 16;

    /// <summary>The pause between streamed chunks.</summary>
    public TimeSpan ChunkDelay { get; init; }

    /// <summary>The pause before anything is answered, not even the status line: a model slow to start.</summary>
    public TimeSpan FirstChunkDelay { get; init; }

    /// <summary>The connection is aborted halfway through the stream, without <c>[DONE]</c>.</summary>
    public bool CutOffMidStream { get; init; }

    public static FakeChatReply Reply(string text) => new() { Text = text };

    /// <summary>OpenAI's 429 <c>rate_limit_exceeded</c>, with its retry headers.</summary>
    public static FakeChatReply RateLimited(TimeSpan retryAfter) => new() { StatusCode = 429, RetryAfter = retryAfter };

    /// <summary>OpenAI's 500 <c>server_error</c>.</summary>
    public static FakeChatReply ServerError() => new() { StatusCode = 500 };

    /// <summary>An answer that only starts after <paramref name="delay"/>.</summary>
    public static FakeChatReply Slow(string text, TimeSpan delay) => new() { Text = text, FirstChunkDelay = delay };
}
