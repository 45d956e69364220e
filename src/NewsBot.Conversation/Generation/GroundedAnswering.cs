using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NewsBot.Conversation.Answering;
using NewsBot.Conversation.Memory;
using NewsBot.Conversation.Streaming;
using NewsBot.Domain;
using NewsBot.Index;

namespace NewsBot.Conversation.Generation;

/// <summary>
/// A language model's answer from numbered sources, streamed as it is written and checked before it counts: markers
/// that point at no source given are removed as the text streams; an answer that cites no source, an error (a 429 or
/// 5xx after the client's retries), or a timeout gives way to the extractive answer, marked as a fallback.
/// </summary>
public sealed class GroundedAnswering(IChatClient chat, GenerationOptions options, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public QueryRewriter Rewriter { get; } = new(chat, options, logger);

    /// <param name="fallback">The extractive answer to the same question, already known not to abstain.</param>
    public async Task<Answer> WriteAsync(string question, IReadOnlyList<ConversationTurn> history, IReadOnlyList<PassageHit> hits, Answer fallback,
        AnswerStream stream, CancellationToken cancellationToken)
    {
        var budget = options.MaxContextTokens * 4 - GroundedPrompt.FixedCharacters(question, history, options.HistoryTurns);
        var sources = NumberedSources.From(hits, options.MaxSources, budget);
        if (sources.Items.Count == 0) return Fallback(fallback, "no source fits in Llm:MaxContextTokens", stream);

        var messages = GroundedPrompt.Build(question, history, sources, options.HistoryTurns);
        var writer = new AnswerWriter(stream, sources.Items.Count);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            await foreach (var update in chat.GetStreamingResponseAsync(messages, new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 800 }, timeout.Token))
                writer.Push(update.Text);
            writer.Finish();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = ModelFailure.Describe(e);
            _logger.LogWarning("Answering by quoting instead: {Reason}.", reason);
            return Fallback(fallback, reason, stream);
        }

        var text = writer.Text;
        if (writer.SaysNoAnswer)
        {
            stream.Reset("the sources do not answer the question");  // only text that came before the model's (a period note) went out
            return new Answer { Text = ExtractiveAnswerer.NoInformation, Citations = [], Abstained = true, Author = AnswerAuthor.Model, FollowUps = ["What's the latest AI news?"] };
        }
        var citations = CitationMarkers.Citations(text, sources);
        if (citations.Count == 0) return Fallback(fallback, "the model's answer cited none of its sources", stream);
        return new Answer { Text = text, Citations = citations, FollowUps = fallback.FollowUps, Author = AnswerAuthor.Model };
    }

    private Answer Fallback(Answer extractive, string reason, AnswerStream stream)
    {
        _logger.LogInformation("Generated answer replaced by the extractive one: {Reason}.", reason);
        stream.Reset(reason);
        return extractive with { Author = AnswerAuthor.ExtractiveFallback, FallbackReason = reason };
    }

    /// <summary>
    /// Turns the model's stream into the answer's text: invalid markers out, and held back what cannot be sent yet —
    /// the start, until it is clearly not <see cref="GroundedPrompt.NoAnswer"/>, and trailing whitespace, so the text
    /// sent is exactly the answer's text.
    /// </summary>
    private sealed class AnswerWriter(AnswerStream stream, int sources)
    {
        private readonly CitationMarkers.StreamFilter _markers = new(sources);
        private readonly StringBuilder _text = new();
        private readonly StringBuilder _held = new();
        private bool _started;

        public string Text => _text.ToString();
        public bool SaysNoAnswer { get; private set; }

        public void Push(string chunk) => Send(_markers.Push(chunk), final: false);

        public void Finish() => Send(_markers.Flush(), final: true);

        private void Send(string piece, bool final)
        {
            _held.Append(piece);
            var held = _held.ToString();
            if (!_started)
            {
                var start = held.TrimStart();
                if (start.StartsWith(GroundedPrompt.NoAnswer, StringComparison.Ordinal))
                {
                    SaysNoAnswer = final;
                    return;  // held to the end: nothing of it is shown
                }
                if (!final && (start.Length == 0 || GroundedPrompt.NoAnswer.StartsWith(start, StringComparison.Ordinal))) return;
                _started = true;
                held = start;
            }
            var ready = held.TrimEnd();
            var trailing = final ? "" : held[ready.Length..];
            _held.Clear().Append(trailing);
            _text.Append(ready);
            stream.Delta(ready);
        }
    }
}
