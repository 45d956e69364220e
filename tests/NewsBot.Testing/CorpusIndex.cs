using NewsBot.Conversation;
using NewsBot.Index;
using NewsBot.Index.Sqlite;
using NewsBot.Ingestion;
using NewsBot.Ingestion.Pipeline;
using NewsBot.Retrieval;

namespace NewsBot.Testing;

/// <summary>
/// The whole shared corpus (5 seeds + 339 digests) ingested once into a real SQLite file, for tests that need the
/// realistic index. Use it as an xunit class or collection fixture.
/// </summary>
public sealed class CorpusIndex : Xunit.IAsyncLifetime
{
    private readonly TempDir _dir = new();

    public INewsIndex Index { get; private set; } = null!;
    public IngestReport Report { get; private set; } = null!;
    public ConversationEngine Engine { get; private set; } = null!;
    public string DatabasePath => _dir.File("corpus.db");

    public static readonly IngestionOptions IngestionOptions = new();
    public static readonly RetrievalOptions RetrievalOptions = new();
    public static readonly Conversation.AnswerOptions AnswerOptions = new();

    public async Task InitializeAsync()
    {
        Index = await SqliteNewsIndex.OpenAsync(DatabasePath);
        Report = await IngestPipeline.Create(Index, IngestionOptions).IngestAsync([SharedData.Seeds, SharedData.Digests]);
        Engine = ConversationEngine.Create(Index, RetrievalOptions, AnswerOptions);
    }

    public async Task DisposeAsync()
    {
        await Index.DisposeAsync();
        _dir.Dispose();
    }
}
