using Microsoft.Extensions.AI;
using NewsBot.Onnx;

namespace NewsBot.Embeddings.UseLite;

/// <summary>
/// The Universal Sentence Encoder Lite on ONNX Runtime: 512-dimensional, L2-normalised sentence embeddings.
/// Texts are batched by similar length so little of each batch is padding.
/// </summary>
public sealed class UseLiteEmbeddingGenerator : IEmbeddingModel
{
    private readonly OnnxSession _session;
    private readonly UseLiteTokenizer _tokenizer;
    private readonly int _batchSize;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public UseLiteEmbeddingGenerator(OnnxSession session, UseLiteTokenizer tokenizer, int batchSize = 32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _session = session;
        _tokenizer = tokenizer;
        _batchSize = batchSize;
        _metadata = new EmbeddingGeneratorMetadata("newsbot-onnxruntime", defaultModelId: Id, defaultModelDimensions: Dimensions);
    }

    /// <summary>
    /// Opens the converted model in <paramref name="files"/> (built by <see cref="UseLiteModelFiles.Build"/>), or its
    /// int8 variant with <paramref name="quantized"/> (built by <see cref="UseLiteModelFiles.BuildQuantized"/>).
    /// </summary>
    public static UseLiteEmbeddingGenerator Open(UseLiteModelFiles files, OnnxSessionOptions? sessionOptions = null, int batchSize = 32,
        bool quantized = false)
    {
        if (!(quantized ? files.IsQuantizedBuilt : files.IsBuilt))
            throw new FileNotFoundException(
                $"The USE-Lite {(quantized ? "int8 " : "")}ONNX model is not built at {files.ModelFolder}. Run ./newsbot setup (or ./newsbot models install use-lite).");
        var tokenizer = UseLiteTokenizer.Load(files.VocabularyPath);
        return new UseLiteEmbeddingGenerator(OnnxSession.FromFile(files.ModelPath(quantized), sessionOptions), tokenizer, batchSize);
    }

    public string Id => UseLiteModelFiles.Id;
    public int Dimensions => UseLiteOnnxConverter.Dimensions;

    public IReadOnlyList<int> Tokenize(string text, EmbeddingGenerationOptions? options = null) => _tokenizer.Encode(text);

    // The network reads the first 128 ids, as the TF.js original's ClipToMaxLength does.
    private int[] ModelInput(string text)
    {
        var ids = _tokenizer.Encode(text);
        return ids.Length > UseLiteOnnxConverter.MaxTokens ? ids[..UseLiteOnnxConverter.MaxTokens] : ids;
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        var ids = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++) ids[i] = ModelInput(texts[i] ?? throw new ArgumentException("A text to embed is null.", nameof(values)));

        var vectors = new float[texts.Count][];
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => ids[i].Length).ToArray();
        for (var first = 0; first < order.Length; first += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(first, Math.Min(_batchSize, order.Length - first));
            EmbedBatch(batch, ids, vectors);
        }

        var created = DateTimeOffset.UtcNow;
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        foreach (var vector in vectors) embeddings.Add(new Embedding<float>(vector) { ModelId = Id, CreatedAt = created });
        return Task.FromResult(embeddings);
    }

    private void EmbedBatch(ReadOnlySpan<int> batch, int[][] ids, float[][] vectors)
    {
        // An empty text is one padding slot: the model then pools nothing, as the TF.js original does.
        var width = 1;
        foreach (var index in batch) width = Math.Max(width, ids[index].Length);
        var input = new long[batch.Length * width];
        Array.Fill(input, -1L);
        for (var row = 0; row < batch.Length; row++)
        {
            var tokens = ids[batch[row]];
            for (var column = 0; column < tokens.Length; column++) input[row * width + column] = tokens[column];
        }

        using var result = _session.Run([OnnxInput.Create(UseLiteOnnxConverter.InputName, (ReadOnlyMemory<long>)input, batch.Length, width)]);
        var output = result[UseLiteOnnxConverter.OutputName].GetData<float>();
        for (var row = 0; row < batch.Length; row++)
            vectors[batch[row]] = output.Slice(row * Dimensions, Dimensions).ToArray();
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => _session.Dispose();
}
