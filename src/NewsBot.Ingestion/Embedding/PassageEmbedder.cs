using Microsoft.Extensions.AI;
using NewsBot.Index;
using NewsBot.Index.Embeddings;

namespace NewsBot.Ingestion.Embedding;

/// <summary>
/// The ingest step that gives passages their vectors: collects each passage's texts, takes what the store's cache
/// already holds for (model, SHA-256 of the text), and sends only the rest to the model, in batches.
/// </summary>
/// <remarks>
/// It writes nothing: the vectors travel on the passage records to <see cref="INewsIndex.ReplaceDocumentAsync(DocumentRecord, IReadOnlyList{StoryRecord}, EmbeddingModelInfo?, CancellationToken)"/>,
/// in the document's own transaction, so a failure anywhere leaves the index as it was.
/// </remarks>
public sealed class PassageEmbedder
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly IPassageVectorStore _store;
    private readonly EmbeddingTextSelector _selector;
    private readonly int _batchSize;
    private readonly EmbeddingModelInfo? _configuredModel;
    private EmbeddingModelInfo? _model;

    /// <param name="model">
    /// The model's id and dimensions; when null, taken from the generator's <see cref="EmbeddingGeneratorMetadata"/>
    /// (the dimensions, if it does not state them, from one probe embedding).
    /// </param>
    public PassageEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator, IPassageVectorStore store, EmbeddingTextSelector selector,
        int batchSize = 64, EmbeddingModelInfo? model = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _generator = generator;
        _store = store;
        _selector = selector;
        _batchSize = batchSize;
        _configuredModel = model;
    }

    public static PassageEmbedder Create(IEmbeddingGenerator<string, Embedding<float>> generator, IPassageVectorStore store, IngestionOptions options,
        EmbeddingModelInfo? model = null) =>
        new(generator, store, new EmbeddingTextSelector(options.EmbeddingTargets, options.EmbeddingMinSentenceWords), options.EmbeddingBatchSize, model);

    /// <summary>The model this embedder's vectors come from.</summary>
    public async Task<EmbeddingModelInfo> GetModelAsync(CancellationToken cancellationToken = default)
    {
        if (_model is not null) return _model;
        if (_configuredModel is not null) return _model = _configuredModel;
        var metadata = _generator.GetService<EmbeddingGeneratorMetadata>();
        var id = metadata?.DefaultModelId;
        if (string.IsNullOrWhiteSpace(id))
            throw new InvalidOperationException("The embedding generator does not name its model (EmbeddingGeneratorMetadata.DefaultModelId); give the model to PassageEmbedder.");
        var dimensions = metadata!.DefaultModelDimensions ?? (await _generator.GenerateAsync(["dimension probe"], cancellationToken: cancellationToken))[0].Vector.Length;
        return _model = new EmbeddingModelInfo(id, dimensions);
    }

    /// <summary>
    /// The stories with vectors on their passages. <paramref name="embedded"/> hears, after each batch sent to the
    /// model, how many texts this call has embedded so far; the result says how many in all (cache hits excluded).
    /// </summary>
    public async Task<(IReadOnlyList<StoryRecord> Stories, int Embedded)> EmbedAsync(IReadOnlyList<StoryRecord> stories, Action<int>? embedded = null,
        CancellationToken cancellationToken = default)
    {
        var texts = stories.Select(story => story.Passages.Select(p => _selector.Select(story.Title, p.Ordinal, p.Text)).ToList()).ToList();
        var (vectors, count) = await VectorsAsync(texts.SelectMany(s => s.SelectMany(p => p)), embedded, cancellationToken);
        var result = stories.Select((story, s) => story with
        {
            Passages = story.Passages.Select((passage, p) => passage with { Vectors = ToPassageVectors(texts[s][p], vectors) }).ToList(),
        }).ToList();
        return (result, count);
    }

    /// <summary>Vectors for passages already stored (re-embedding, or an index ingested before a model was configured).</summary>
    public async Task<(IReadOnlyList<StoredPassageVectors> Passages, int Embedded)> EmbedAsync(IReadOnlyList<StoredPassage> passages, Action<int>? embedded = null,
        CancellationToken cancellationToken = default)
    {
        var texts = passages.Select(p => _selector.Select(p.StoryTitle, p.Ordinal, p.Text)).ToList();
        var (vectors, count) = await VectorsAsync(texts.SelectMany(t => t), embedded, cancellationToken);
        return (passages.Select((p, i) => new StoredPassageVectors(p.PassageKey, ToPassageVectors(texts[i], vectors))).ToList(), count);
    }

    private static List<PassageVector> ToPassageVectors(IReadOnlyList<EmbeddingText> texts, Dictionary<string, (string Hash, ReadOnlyMemory<float> Vector)> vectors) =>
        texts.Select(t =>
        {
            var (hash, vector) = vectors[t.Text];
            return new PassageVector(t.Item, t.Kind, hash, vector);
        }).ToList();

    /// <summary>A vector for each distinct text: from the cache when it has one, else from the model.</summary>
    private async Task<(Dictionary<string, (string Hash, ReadOnlyMemory<float> Vector)> Vectors, int Embedded)> VectorsAsync(
        IEnumerable<EmbeddingText> texts, Action<int>? embedded, CancellationToken cancellationToken)
    {
        var model = await GetModelAsync(cancellationToken);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in texts) hashes.TryAdd(text.Text, TextHash.Of(text.Text));
        var cached = await _store.GetCachedEmbeddingsAsync(model.Id, hashes.Values.Distinct().ToList(), cancellationToken);

        var vectors = new Dictionary<string, (string, ReadOnlyMemory<float>)>(StringComparer.Ordinal);
        var misses = new List<string>();
        foreach (var (text, hash) in hashes)
        {
            if (cached.TryGetValue(hash, out var vector) && vector.Length == model.Dimensions) vectors[text] = (hash, vector);
            else misses.Add(text);
        }

        var done = 0;
        foreach (var batch in misses.Chunk(_batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var generated = await _generator.GenerateAsync(batch, cancellationToken: cancellationToken);
            if (generated.Count != batch.Length)
                throw new InvalidOperationException($"The embedding model returned {generated.Count} vectors for {batch.Length} texts.");
            for (var i = 0; i < batch.Length; i++)
            {
                var vector = generated[i].Vector;
                if (vector.Length != model.Dimensions)
                    throw new InvalidOperationException($"The embedding model returned a vector of {vector.Length} dimensions; {model} was expected.");
                vectors[batch[i]] = (hashes[batch[i]], vector);
            }
            done += batch.Length;
            embedded?.Invoke(done);
        }
        return (vectors, done);
    }
}
