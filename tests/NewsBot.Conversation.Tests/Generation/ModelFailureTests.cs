using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using NewsBot.Conversation.Generation;

namespace NewsBot.Conversation.Tests.Generation;

/// <summary>The reasons a fallback gives, for the exceptions the OpenAI SDK and HttpClient actually throw (see FakeOpenAiServerTests).</summary>
public sealed class ModelFailureTests
{
    public static TheoryData<Exception, string> Failures => new()
    {
        // NetworkTimeout with retries: every attempt cancelled, gathered by the SDK.
        { new AggregateException(new TaskCanceledException("first try"), new TaskCanceledException("second try")), "the model did not answer in time" },
        { new TaskCanceledException(), "the model did not answer in time" },
        // A stream cut off: the reset connection surfaces as an IOException while reading.
        { new IOException("Connection reset by peer"), "the model's answer was cut off" },
        { new HttpRequestException("refused", null, HttpStatusCode.BadGateway), "the model's service answered HTTP 502" },
        { new HttpRequestException("Connection refused"), "the model's service could not be reached" },
        { new ClientResultException("Rate limit reached", new StatusResponse(429)), "the model's service answered HTTP 429" },
        { new InvalidOperationException("wrapped", new ClientResultException("down", new StatusResponse(500))), "the model's service answered HTTP 500" },
        { new InvalidOperationException("something else"), "the model failed (InvalidOperationException)" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_failure_is_named_in_a_few_words(Exception failure, string reason) => Assert.Equal(reason, ModelFailure.Describe(failure));

    /// <summary>A response that carries only a status, as a ClientResultException reads it.</summary>
    private sealed class StatusResponse(int status) : PipelineResponse
    {
        public override int Status => status;
        public override string ReasonPhrase => "";
        public override Stream? ContentStream { get; set; }
        public override BinaryData Content => BinaryData.Empty;
        protected override PipelineResponseHeaders HeadersCore => throw new NotSupportedException();
        public override BinaryData BufferContent(CancellationToken cancellationToken = default) => Content;
        public override ValueTask<BinaryData> BufferContentAsync(CancellationToken cancellationToken = default) => new(Content);
        public override void Dispose() { }
    }
}
