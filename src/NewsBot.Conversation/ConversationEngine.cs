using NewsBot.Conversation.Answering;
using NewsBot.Domain;
using NewsBot.Index;
using NewsBot.Retrieval;
using NewsBot.Retrieval.Hybrid;

namespace NewsBot.Conversation;

/// <summary>
/// The one place that decides what NewsBot answers. It knows no chat platform: the CLI, web, Teams and Discord
/// adapters all hand it the user's question and render the <see cref="Answer"/> it returns.
/// </summary>
public sealed class ConversationEngine(QueryAnalyzer analyzer, Retriever retriever, IAnswerer answerer, AnswerOptions options)
{
    public const int MaxQuestionLength = 1000;

    /// <summary>The standard engine over <paramref name="index"/>: keyword retrieval and the extractive answerer.</summary>
    public static ConversationEngine Create(INewsIndex index, RetrievalOptions retrieval, AnswerOptions answer, DenseSearcher? dense = null) =>
        new(new QueryAnalyzer(), new Retriever(index, retrieval, dense), new ExtractiveAnswerer(index, answer), answer);

    /// <summary>True when retrieval can search by meaning as well as by keywords.</summary>
    public bool HasDenseArm => retriever.HasDenseArm;

    /// <summary>Answers <paramref name="question"/>; <paramref name="mode"/> overrides the configured retrieval (evaluation compares them).</summary>
    public async Task<EngineReply> AskAsync(string question, SearchFilter? filter = null, CancellationToken cancellationToken = default, RetrievalMode? mode = null)
    {
        question = question.Trim();
        if (question.Length == 0)
            return new EngineReply(new Answer { Text = "Ask me about AI news, for example: \"What did AWS announce at re:Invent 2025?\"", Citations = [], Abstained = true }, null);
        if (question.Length > MaxQuestionLength)
            question = question[..MaxQuestionLength];

        var query = analyzer.Analyze(question, filter);
        var limit = Math.Max(options.CandidateStories, 10);
        var retrieval = mode is { } chosen
            ? await retriever.RetrieveAsync(query, limit, chosen, cancellationToken)
            : await retriever.RetrieveAsync(query, limit, cancellationToken);
        var answer = await answerer.AnswerAsync(retrieval, cancellationToken);
        return new EngineReply(answer, retrieval);
    }
}

/// <summary>The answer, and what retrieval found for it (for evaluation and diagnostics; adapters render only the answer).</summary>
public sealed record EngineReply(Answer Answer, RetrievalResult? Retrieval);
