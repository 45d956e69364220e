using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using NewsBot.Conversation.Answering;
using NewsBot.Conversation.Caching;
using NewsBot.Conversation.Generation;
using NewsBot.Conversation.Memory;
using NewsBot.Conversation.Streaming;
using NewsBot.Conversation.Understanding;
using NewsBot.Domain;
using NewsBot.Index;
using NewsBot.Retrieval;
using NewsBot.Retrieval.Hybrid;

namespace NewsBot.Conversation;

/// <summary>A reader's message to the engine: the question, and the conversation it continues (null starts one).</summary>
public sealed record UserMessage(string Question)
{
    public string? ConversationId { get; init; }
    public SearchFilter? Filter { get; init; }
    /// <summary>Overrides the configured retrieval (evaluation compares modes).</summary>
    public RetrievalMode? Mode { get; init; }
}

/// <summary>
/// The one place that decides what NewsBot answers. It knows no chat platform: the CLI, web, Teams and Discord
/// adapters all hand it the reader's message and render the <see cref="Answer"/> it returns. It remembers each
/// conversation's last turns (follow-ups), reads time in questions ("last week", "in March 2025") as date filters,
/// and answers "what's new" with the newest stories.
/// </summary>
public sealed partial class ConversationEngine(
    QueryAnalyzer analyzer, Retriever retriever, IAnswerer answerer, HeadlineAnswerer headlines, AnswerOptions options,
    INewsIndex index, ConversationMemory memory, TimeScopeResolver time, AnswerCache cache, GroundedAnswering? generation = null)
{
    public const int MaxQuestionLength = 1000;
    private const int Headlines = 5;

    private readonly FollowUpResolver _followUps = new(analyzer);

    /// <summary>
    /// The standard engine over <paramref name="index"/>: hybrid retrieval when <paramref name="dense"/> is given; answers
    /// written by a language model when <paramref name="generation"/> is, else (and as its fallback) the extractive answerer.
    /// </summary>
    public static ConversationEngine Create(INewsIndex index, RetrievalOptions retrieval, AnswerOptions answer, DenseSearcher? dense = null,
        ConversationOptions? conversation = null, TimeProvider? clock = null, GroundedAnswering? generation = null)
    {
        clock ??= TimeProvider.System;
        conversation ??= new ConversationOptions();
        return new(new QueryAnalyzer(), new Retriever(index, retrieval, dense), new ExtractiveAnswerer(index, answer), new HeadlineAnswerer(index),
            answer, index, new ConversationMemory(conversation, clock), new TimeScopeResolver(index, clock),
            new AnswerCache(conversation.AnswerCacheEntries, TimeSpan.FromSeconds(conversation.AnswerCacheSeconds), clock), generation);
    }

    /// <summary>True when a language model writes the answers (the extractive answerer stands by).</summary>
    public bool Generates => generation is not null;

    /// <summary>True when retrieval can search by meaning as well as by keywords.</summary>
    public bool HasDenseArm => retriever.HasDenseArm;

    /// <summary>The conversations the engine remembers: feedback finds the answer it rates here.</summary>
    public ConversationMemory Memory => memory;

    /// <summary>Answers one question outside any conversation (the CLI's ask, evaluation).</summary>
    public Task<EngineReply> AskAsync(string question, SearchFilter? filter = null, CancellationToken cancellationToken = default, RetrievalMode? mode = null) =>
        AnswerAsync(question, null, filter, mode, AnswerStream.None, cancellationToken);

    /// <summary>Answers <paramref name="message"/> within its conversation, remembering the turn.</summary>
    public async Task<EngineReply> AskAsync(UserMessage message, CancellationToken cancellationToken = default)
    {
        EngineReply? reply = null;
        await foreach (var e in StreamAsync(message, cancellationToken))
            if (e is DoneEvent done) reply = done.Reply;
        return reply!;
    }

    /// <summary>
    /// Answers <paramref name="message"/> as a stream of events: status lines while it searches, then the text in
    /// pieces, the citations, and the whole answer. Errors are thrown; adapters turn them into their protocol's error.
    /// </summary>
    public async IAsyncEnumerable<AnswerEvent> StreamAsync(UserMessage message, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var conversationId = message.ConversationId is { Length: > 0 } id ? id : ConversationMemory.NewConversationId();
        var history = memory.Turns(conversationId);
        // Status lines, and a generated answer's text, are produced while the answer is worked out; they are handed on as they come.
        var events = Channel.CreateUnbounded<AnswerEvent>(new UnboundedChannelOptions { SingleReader = true });
        var stream = new AnswerStream(events.Writer);
        var work = AnswerThenCompleteAsync();
        await foreach (var e in events.Reader.ReadAllAsync(cancellationToken)) yield return e;
        var reply = await work;
        var answer = reply.Answer with { Id = ConversationMemory.NewAnswerId(), ConversationId = conversationId };
        reply = reply with { Answer = answer };
        memory.Add(conversationId, new ConversationTurn(message.Question.Trim(), reply.SearchedAs, reply.Topic, answer, time.Now));

        // A composed answer (extractive, cached, or a fallback) is sent in pieces now; a generated one already streamed.
        if (!stream.HasText)
            foreach (var piece in Pieces(answer.Text)) yield return new DeltaEvent(piece);
        yield return new CitationsEvent(answer.Citations);
        yield return new DoneEvent(reply);

        async Task<EngineReply> AnswerThenCompleteAsync()
        {
            try { return await AnswerAsync(message.Question, history, message.Filter, message.Mode, stream, cancellationToken); }
            finally { events.Writer.TryComplete(); }
        }
    }

    /// <summary>Forgets a conversation ("new conversation"); false when it was not known.</summary>
    public bool Forget(string conversationId) => memory.Forget(conversationId);

    /// <summary>
    /// The newest stories, optionally about <paramref name="topic"/> (stories that cover at least half of its
    /// weighted terms) and within <paramref name="filter"/>, newest first.
    /// </summary>
    public async Task<IReadOnlyList<Story>> LatestStoriesAsync(string? topic, SearchFilter? filter, int limit, CancellationToken cancellationToken = default)
    {
        filter ??= SearchFilter.None;
        var query = analyzer.Analyze(topic ?? "", filter);
        if (query.Terms.Count == 0 || limit <= 0) return await index.GetLatestStoriesAsync(filter, limit, cancellationToken);

        // Relevance ranks old and new alike, so search the most recent stretch first and widen it until enough is found.
        var newest = filter.To ?? (await index.GetLatestStoriesAsync(filter, 1, cancellationToken)).FirstOrDefault()?.Date;
        var found = new Dictionary<string, Story>();
        foreach (var days in RecentWindows)
        {
            var window = newest is { } end && days > 0 ? filter with { From = Later(filter.From, end.AddDays(-days)) } : filter;
            var retrieval = await retriever.RetrieveAsync(query with { Filter = window }, Math.Max(30, limit * 3), cancellationToken);
            var coverage = new TermCoverage(retrieval.Query.Terms, retrieval.TermStatistics, retrieval.Query.TermAlternatives);
            foreach (var hit in retrieval.Hits.Where(h => coverage.Of(h.Story.Title, h.Story.Text) >= 0.5)) found.TryAdd(hit.Story.Id, hit.Story);
            if (found.Count >= limit || days == 0 || window.From == filter.From) break;
        }
        return found.Values.OrderByDescending(s => s.Date ?? DateOnly.MinValue).Take(limit).ToList();
    }

    // Days back from the newest story; 0: no bound.
    private static readonly int[] RecentWindows = [45, 180, 730, 0];

    private static DateOnly Later(DateOnly? a, DateOnly b) => a is { } x && x > b ? x : b;

    private async Task<EngineReply> AnswerAsync(string question, IReadOnlyList<ConversationTurn>? history, SearchFilter? filter, RetrievalMode? mode,
        AnswerStream stream, CancellationToken cancellationToken)
    {
        question = question.Trim();
        if (question.Length == 0)
            return new EngineReply(new Answer { Text = "Ask me about AI news, for example: \"What did AWS announce at re:Invent 2025?\"", Citations = [], Abstained = true }, null, question, question);
        if (question.Length > MaxQuestionLength)
            question = question[..MaxQuestionLength];

        var resolved = _followUps.Resolve(question, history ?? [], time.Today);
        if (resolved.FollowsUpOn is { } earlier) stream.Status($"Following up on “{AnswerWording.Shorten(earlier)}”");

        // Only conversations use the cache: evaluation and diagnostics need what retrieval found, every time.
        string? cacheKey = null;
        if (history is not null && cache.Enabled)
        {
            var generation = (await index.GetEmbeddingVersionAsync(cancellationToken)).Generation;
            cacheKey = AnswerCache.Key(resolved.Text, filter ?? SearchFilter.None, mode, time.Today, generation);
            if (cache.Get(cacheKey) is { } cached)
            {
                stream.Status("Searching the news…");
                return cached;
            }
        }
        var reply = await AnswerUncachedAsync(resolved, history ?? [], filter, mode, stream, cancellationToken);
        // A fallback is not kept: the model may answer the next time (a 429 passes, a timeout was a bad moment).
        if (cacheKey is not null && reply.Answer.Author != AnswerAuthor.ExtractiveFallback) cache.Set(cacheKey, reply);
        return reply;
    }

    private async Task<EngineReply> AnswerUncachedAsync(ResolvedQuestion resolved, IReadOnlyList<ConversationTurn> history, SearchFilter? filter, RetrievalMode? mode,
        AnswerStream stream, CancellationToken cancellationToken)
    {
        var scope = await time.ResolveAsync(resolved.Text, filter, cancellationToken);
        var topic = analyzer.Analyze(scope.Topic, scope.Filter);
        stream.Status(scope.RangeDescription is { } period ? $"Searching the news of {period}…" : "Searching the news…");

        EngineReply reply;
        if (scope.WantsLatest || scope.Range is not null && topic.Terms.Count == 0 || IsWhatsNew(scope.Topic))
        {
            var stories = await LatestStoriesAsync(scope.Topic, scope.Filter, Headlines, cancellationToken);
            var words = TopicWords(scope.Topic);
            // "latest on Nvidia" reads well; "latest on What did OpenAI announce" does not.
            var about = topic.Terms.Count == 0 ? "" : QuestionStart().IsMatch(words) ? " matching your question" : $" on {words}";
            var when = scope.RangeDescription is { } r ? $" from {r}" : "";
            var answer = await headlines.AnswerAsync($"The latest{about}{when}, newest first:", stories,
                $"{ExtractiveAnswerer.NoInformation} (No story{about}{when}.)", cancellationToken);
            reply = new EngineReply(answer, null, resolved.Text, resolved.Topic);
        }
        else if (generation is not null)
        {
            reply = await GenerateAsync(generation, resolved, topic, scope.Filter, history, mode, scope.Note, stream, cancellationToken);
        }
        else
        {
            stream.Status("Reading the best matching stories…");
            var retrieval = await RetrieveAsync(topic, mode, cancellationToken);
            reply = new EngineReply(await answerer.AnswerAsync(retrieval, cancellationToken), retrieval, resolved.Text, resolved.Topic);
        }
        return scope.Note is { } note ? reply with { Answer = reply.Answer with { Text = note + "\n\n" + reply.Answer.Text } } : reply;
    }

    private Task<RetrievalResult> RetrieveAsync(SearchQuery query, RetrievalMode? mode, CancellationToken cancellationToken)
    {
        var limit = Math.Max(options.CandidateStories, 10);
        return mode is { } chosen ? retriever.RetrieveAsync(query, limit, chosen, cancellationToken) : retriever.RetrieveAsync(query, limit, cancellationToken);
    }

    /// <summary>
    /// A generated answer: the model's search queries searched beside the reader's own words and the rankings fused;
    /// the extractive answer from the first search that finds something stands by as the fallback. When none finds
    /// anything the bot says so, and the model writes nothing.
    /// </summary>
    private async Task<EngineReply> GenerateAsync(GroundedAnswering model, ResolvedQuestion resolved, SearchQuery topic, SearchFilter filter,
        IReadOnlyList<ConversationTurn> history, RetrievalMode? mode, string? note, AnswerStream stream, CancellationToken cancellationToken)
    {
        var rewrites = await model.Rewriter.RewriteAsync(resolved.Text, history, cancellationToken);
        var queries = new List<SearchQuery> { topic };
        queries.AddRange(rewrites.Select(q => analyzer.Analyze(q, filter)).Where(q => q.Terms.Count > 0));
        stream.Status("Reading the best matching stories…");
        var retrievals = new List<RetrievalResult>();
        foreach (var query in queries) retrievals.Add(await RetrieveAsync(query, mode, cancellationToken));
        var fused = RetrievalResult.Fuse(retrievals, Math.Max(options.CandidateStories, 10));

        Answer? fallback = null, abstention = null;
        foreach (var retrieval in retrievals)
        {
            var extractive = await answerer.AnswerAsync(retrieval, cancellationToken);
            if (!extractive.Abstained) { fallback = extractive; break; }
            abstention ??= extractive;  // the reader's own words say best why nothing was found
        }
        if (fallback is null) return new EngineReply(abstention!, fused, resolved.Text, resolved.Topic);

        stream.Status("Writing the answer…");
        // The period note leads the answer's text (added below), so it leads the streamed text too.
        if (note is not null) stream.Delta(note + "\n\n");
        var answer = await model.WriteAsync(resolved.Text, history, fused.Hits, fallback, stream, cancellationToken);
        return new EngineReply(answer, fused, resolved.Text, resolved.Topic);
    }

    /// <summary>The topic as the reader wrote it, without the question's frame ("news about Google" → "Google").</summary>
    private static string TopicWords(string topic) => FrameWords().Replace(topic, "").Trim(' ', '?', '.', '!', ',');

    private static bool IsWhatsNew(string topic) => WhatsNew().IsMatch(topic);

    /// <summary>The text in pieces at sentence and line ends, each piece keeping its trailing space so they join to the text.</summary>
    internal static IEnumerable<string> Pieces(string text)
    {
        var start = 0;
        foreach (Match end in PieceEnd().Matches(text))
        {
            var stop = end.Index + end.Length;
            if (stop <= start) continue;
            yield return text[start..stop];
            start = stop;
        }
        if (start < text.Length) yield return text[start..];
    }

    [GeneratedRegex(@"(?<=[.!?:\]])\s+|\n+")]
    private static partial Regex PieceEnd();

    [GeneratedRegex(@"^\s*(?:(?:what|what's|whats|what is|anything|any)\s+(?:new|news|happening|going on)|news|headlines)\s*[?.!]*\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WhatsNew();

    [GeneratedRegex(@"^\s*(?:(?:what's|whats|what\s+is|anything)\s+)?(?:(?:the|any|some)\s+)?(?:ai\s+)?(?:news|stories|headlines|updates?)?\s*(?:about|on|from|for|with|regarding|in)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FrameWords();

    [GeneratedRegex(@"^(?:what|which|who|whom|whose|when|where|why|how|did|does|do|is|are|was|were|has|have|can|will|tell)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuestionStart();
}

/// <summary>
/// The answer; what retrieval found for it (for evaluation and diagnostics; adapters render only the answer; null
/// when the answer lists headlines); and the question as searched (a follow-up made whole).
/// </summary>
public sealed record EngineReply(Answer Answer, RetrievalResult? Retrieval, string SearchedAs = "", string Topic = "");
