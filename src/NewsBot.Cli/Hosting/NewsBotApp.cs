using Microsoft.Extensions.Configuration;
using NewsBot.Conversation;
using NewsBot.Conversation.Memory;
using NewsBot.Conversation.Feedback;
using NewsBot.Evaluation;
using NewsBot.Index;
using NewsBot.Index.Sqlite;
using NewsBot.Index.Feedback;
using NewsBot.Qdrant;
using NewsBot.Llm;
using NewsBot.Conversation.Generation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using NewsBot.Qdrant.Http;
using NewsBot.Ingestion;
using NewsBot.Ingestion.Pipeline;
using NewsBot.Retrieval;
using NewsBot.Retrieval.Hybrid;
using NewsBot.Embeddings;
using NewsBot.Index.Embeddings;
using NewsBot.Ingestion.Embedding;

namespace NewsBot.Cli.Hosting;

/// <summary>
/// Composes NewsBot from configuration: the index, the ingest pipeline and the conversation engine. Hosts (the CLI
/// today, the server later) build one and use its parts; nothing below the host knows how they were put together.
/// </summary>
public sealed class NewsBotApp : IAsyncDisposable
{
    private NewsBotApp(INewsIndex index, IFeedbackStore feedback, StoreOptions store, IngestionOptions ingestion, RetrievalOptions retrieval, AnswerOptions answer,
        ConversationOptions conversation, IEmbeddingModel? embedder, LlmOptions llm, ILoggerFactory? loggers)
    {
        Index = index;
        Store = store;
        IngestionOptions = ingestion;
        Embedder = embedder;
        Dense = embedder is null ? null
            : new DenseSearcher(index, embedder, new EmbeddingModelInfo(embedder.Id, embedder.Dimensions), EmbeddingPurpose.ForQuery(), retrieval.DensePrecision);
        _chat = ChatClients.Create(llm);
        _engine = () => ConversationEngine.Create(index, retrieval, answer, Dense, conversation);
        Generation = _chat is null ? null : new GroundedAnswering(_chat, new GenerationOptions
        {
            Timeout = TimeSpan.FromSeconds(llm.TimeoutSeconds),
            MaxContextTokens = llm.MaxContextTokens,
        }, loggers?.CreateLogger<GroundedAnswering>());
        Engine = ConversationEngine.Create(index, retrieval, answer, Dense, conversation, generation: Generation);
        Feedback = new AnswerFeedback(Engine.Memory, feedback, TimeProvider.System);
    }

    public INewsIndex Index { get; }
    /// <summary>Readers' ratings of answers, kept in the index's store.</summary>
    public AnswerFeedback Feedback { get; }
    public StoreOptions Store { get; }
    public IngestionOptions IngestionOptions { get; }
    /// <summary>The embedding model, or null when embeddings are off or unavailable (keyword search only).</summary>
    public IEmbeddingModel? Embedder { get; }
    public DenseSearcher? Dense { get; }
    public ConversationEngine Engine { get; }
    /// <summary>The language model's answering, or null when Llm:Provider is None.</summary>
    public GroundedAnswering? Generation { get; }
    private readonly IChatClient? _chat;
    private readonly Func<ConversationEngine> _engine;

    /// <summary>An engine that answers by quoting only, whatever Llm says: what eval compares generated answers with.</summary>
    public ConversationEngine CreateExtractiveEngine() => _engine();

    public IngestPipeline CreateIngestPipeline() => IngestPipeline.Create(Index, IngestionOptions,
        Embedder is null ? null : PassageEmbedder.Create(Embedder, Index, IngestionOptions, new EmbeddingModelInfo(Embedder.Id, Embedder.Dimensions)));

    public Evaluator CreateEvaluator() => new(Engine, Index);

    /// <summary>
    /// For long-running hosts: loads the vectors and the in-memory keyword ranking now, so the first questions do
    /// not wait for them and every question after is cheaper.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        if (Dense is not null) await Dense.WarmUpAsync(cancellationToken);
        if (Index is SqliteNewsIndex sqlite) await sqlite.LoadKeywordIndexAsync(cancellationToken);
    }

    /// <summary>Reads and validates all options first (so every configuration mistake is reported before anything runs), then opens the index.</summary>
    public static async Task<NewsBotApp> CreateAsync(IConfiguration configuration, CancellationToken cancellationToken = default, ILoggerFactory? loggers = null)
    {
        var o = ReadOptions(configuration);
        // Without its model NewsBot still answers, by keywords; the warning says how to get meaning search back.
        var embedder = o.Embeddings.Enabled ? EmbeddingModelOpener.OpenOrReport(o.Embeddings) : null;
        if (o.Embeddings.Enabled && embedder is null)
            Console.Error.WriteLine("newsbot: continuing with keyword search only. Run ./newsbot setup to build the model, or set Embeddings:Model to \"none\" to silence this.");
        try
        {
            var model = embedder is null ? null : new EmbeddingModelInfo(embedder.Id, embedder.Dimensions);
            var (index, feedback) = await OpenStoreAsync(o.VectorStore, o.Store, model, cancellationToken);
            return new NewsBotApp(index, feedback, o.Store, o.Ingestion, o.Retrieval, o.Answer, o.Conversation, embedder, o.Llm, loggers);
        }
        catch
        {
            embedder?.Dispose();
            throw;
        }
    }

    /// <summary>The configured store: the embedded SQLite file, or the Qdrant collection (feedback goes where the index is).</summary>
    public static async Task<(INewsIndex Index, IFeedbackStore Feedback)> OpenStoreAsync(VectorStoreOptions vectorStore, StoreOptions store, EmbeddingModelInfo? model,
        CancellationToken cancellationToken = default)
    {
        if (vectorStore.Kind == VectorStoreKind.Qdrant)
        {
            var qdrant = await QdrantNewsIndex.OpenAsync(vectorStore.Qdrant, model, store.TitleWeight, cancellationToken: cancellationToken);
            return (qdrant, qdrant.Feedback);
        }
        var sqlite = await SqliteNewsIndex.OpenAsync(store.Path, new SqliteIndexOptions { TitleWeight = store.TitleWeight }, cancellationToken);
        return (sqlite, sqlite.Feedback);
    }

    /// <summary>Why the index could not be opened, and what to do: Qdrant's own errors say it; a file needs its folder.</summary>
    public static string OpenFailure(Exception e) => e is QdrantException
        ? $"Cannot open the index: {e.Message}"
        : $"Cannot open the index: {e.Message} Check --db (or Store:Path): its folder must be writable; to rebuild, delete the file and ingest again.";

    /// <summary>Checks every option NewsBot reads; throws <see cref="ConfigurationException"/> naming each bad key.</summary>
    public static void ValidateConfiguration(IConfiguration configuration) => ReadOptions(configuration);

    private sealed record Options(StoreOptions Store, IngestionOptions Ingestion, RetrievalOptions Retrieval, AnswerOptions Answer,
        ConversationOptions Conversation, EmbeddingOptions Embeddings, VectorStoreOptions VectorStore, LlmOptions Llm);

    /// <summary>Every option, validated (each mistake named by its key).</summary>
    public static (StoreOptions Store, VectorStoreOptions VectorStore, EmbeddingOptions Embeddings) ReadStoreOptions(IConfiguration configuration)
    {
        var o = ReadOptions(configuration);
        return (o.Store, o.VectorStore, o.Embeddings);
    }

    private static Options ReadOptions(IConfiguration configuration)
    {
        var errors = new List<string>();
        var store = Collect(() => OptionsBinding.Bind<StoreOptions>(configuration, StoreOptions.Section, o => o.Validate()), errors);
        var ingestion = Collect(() => OptionsBinding.Bind<IngestionOptions>(configuration, IngestionOptions.Section, o => o.Validate()), errors);
        var retrieval = Collect(() => OptionsBinding.Bind<RetrievalOptions>(configuration, RetrievalOptions.Section, o => o.Validate()), errors);
        var answer = Collect(() => OptionsBinding.Bind<AnswerOptions>(configuration, AnswerOptions.Section, o => o.Validate()), errors);
        var conversation = Collect(() => OptionsBinding.Bind<ConversationOptions>(configuration, ConversationOptions.Section, o => o.Validate()), errors);
        var embeddings = Collect(() => OptionsBinding.Bind<EmbeddingOptions>(configuration, EmbeddingOptions.Section, o => o.Validate()), errors);
        var vectorStore = Collect(() => OptionsBinding.Bind<VectorStoreOptions>(configuration, VectorStoreOptions.Section, o => o.Validate()), errors);
        var llm = Collect(() => OptionsBinding.Bind<LlmOptions>(configuration, LlmOptions.Section, o => o.Validate()), errors);
        if (errors.Count > 0) throw new ConfigurationException(errors);
        return new Options(store!, ingestion!, retrieval!, answer!, conversation!, embeddings!, vectorStore!, llm!);
    }

    private static T? Collect<T>(Func<T> bind, List<string> errors) where T : class
    {
        try { return bind(); }
        catch (ConfigurationException e) { errors.AddRange(e.Errors); return null; }
    }

    public ValueTask DisposeAsync()
    {
        _chat?.Dispose();
        Embedder?.Dispose();
        return Index.DisposeAsync();
    }
}
