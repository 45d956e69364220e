using Microsoft.Extensions.Configuration;
using NewsBot.Conversation;
using NewsBot.Evaluation;
using NewsBot.Index;
using NewsBot.Index.Sqlite;
using NewsBot.Ingestion;
using NewsBot.Ingestion.Pipeline;
using NewsBot.Retrieval;

namespace NewsBot.Cli.Hosting;

/// <summary>
/// Composes NewsBot from configuration: the index, the ingest pipeline and the conversation engine. Hosts (the CLI
/// today, the server later) build one and use its parts; nothing below the host knows how they were put together.
/// </summary>
public sealed class NewsBotApp : IAsyncDisposable
{
    private NewsBotApp(INewsIndex index, StoreOptions store, IngestionOptions ingestion, RetrievalOptions retrieval, AnswerOptions answer)
    {
        Index = index;
        Store = store;
        IngestionOptions = ingestion;
        Engine = ConversationEngine.Create(index, retrieval, answer);
    }

    public INewsIndex Index { get; }
    public StoreOptions Store { get; }
    public IngestionOptions IngestionOptions { get; }
    public ConversationEngine Engine { get; }

    public IngestPipeline CreateIngestPipeline() => IngestPipeline.Create(Index, IngestionOptions);

    public Evaluator CreateEvaluator() => new(Engine, Index);

    /// <summary>Reads and validates all options first (so every configuration mistake is reported before anything runs), then opens the index.</summary>
    public static async Task<NewsBotApp> CreateAsync(IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var errors = new List<string>();
        var store = Collect(() => OptionsBinding.Bind<StoreOptions>(configuration, StoreOptions.Section, o => o.Validate()), errors);
        var ingestion = Collect(() => OptionsBinding.Bind<IngestionOptions>(configuration, IngestionOptions.Section, o => o.Validate()), errors);
        var retrieval = Collect(() => OptionsBinding.Bind<RetrievalOptions>(configuration, RetrievalOptions.Section, o => o.Validate()), errors);
        var answer = Collect(() => OptionsBinding.Bind<AnswerOptions>(configuration, AnswerOptions.Section, o => o.Validate()), errors);
        if (errors.Count > 0) throw new ConfigurationException(errors);
        var index = await SqliteNewsIndex.OpenAsync(store!.Path, new SqliteIndexOptions { TitleWeight = store.TitleWeight }, cancellationToken);
        return new NewsBotApp(index, store, ingestion!, retrieval!, answer!);
    }

    private static T? Collect<T>(Func<T> bind, List<string> errors) where T : class
    {
        try { return bind(); }
        catch (ConfigurationException e) { errors.AddRange(e.Errors); return null; }
    }

    public ValueTask DisposeAsync() => Index.DisposeAsync();
}
