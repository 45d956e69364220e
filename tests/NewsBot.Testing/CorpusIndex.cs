using NewsBot.Conversation;
using NewsBot.Embeddings;
using NewsBot.Index;
using NewsBot.Index.Embeddings;
using NewsBot.Index.Sqlite;
using NewsBot.Ingestion;
using NewsBot.Ingestion.Embedding;
using NewsBot.Ingestion.Pipeline;
using NewsBot.Retrieval;
using NewsBot.Retrieval.Hybrid;

namespace NewsBot.Testing;

/// <summary>
/// The whole shared corpus (5 seeds + 339 digests) ingested once into a real SQLite file, for tests that need the
/// realistic index. Use it as an xunit class or collection fixture. Keyword index only; see
/// <see cref="EmbeddedCorpusIndex"/> for one with USE-Lite vectors.
/// </summary>
public class CorpusIndex : Xunit.IAsyncLifetime
{
    private readonly TempDir _dir = new();

    public INewsIndex Index { get; private set; } = null!;
    public IngestReport Report { get; private set; } = null!;
    public ConversationEngine Engine { get; private set; } = null!;
    /// <summary>The real USE-Lite model, when this corpus is embedded.</summary>
    public IEmbeddingModel? Embedder { get; private set; }
    public DenseSearcher? Dense { get; private set; }
    public string DatabasePath => _dir.File("corpus.db");

    public static readonly IngestionOptions IngestionOptions = new();
    public static readonly RetrievalOptions RetrievalOptions = new();
    public static readonly Conversation.AnswerOptions AnswerOptions = new();

    protected virtual bool WithEmbeddings => false;

    public async Task InitializeAsync()
    {
        Index = await SqliteNewsIndex.OpenAsync(DatabasePath);
        PassageEmbedder? embedder = null;
        if (WithEmbeddings)
        {
            Embedder = UseLiteAssets.Open();
            var model = new EmbeddingModelInfo(Embedder.Id, Embedder.Dimensions);
            embedder = PassageEmbedder.Create(Embedder, Index, IngestionOptions, model);
            Dense = new DenseSearcher(Index, Embedder, model, EmbeddingPurpose.ForQuery(), RetrievalOptions.DensePrecision);
        }
        Report = await IngestPipeline.Create(Index, IngestionOptions, embedder).IngestAsync([SharedData.Seeds, SharedData.Digests]);
        Engine = ConversationEngine.Create(Index, RetrievalOptions, AnswerOptions, Dense);
    }

    public async Task DisposeAsync()
    {
        await Index.DisposeAsync();
        Embedder?.Dispose();
        _dir.Dispose();
    }
}

/// <summary>The shared corpus with USE-Lite vectors for every passage, and an engine that retrieves by both.</summary>
public sealed class EmbeddedCorpusIndex : CorpusIndex
{
    protected override bool WithEmbeddings => true;
}
