using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using NewsBot.Onnx;

namespace NewsBot.Embeddings.Bert;

/// <summary>
/// Sentence embeddings from a Hugging Face BERT-family ONNX export (all-MiniLM-L6-v2, bge-small-en-v1.5, e5-small-v2…):
/// prefixes each text for its purpose (<see cref="EmbeddingPurpose"/>), tokenizes with WordPiece, runs the encoder in
/// batches padded to their longest text, pools the token vectors under the attention mask and L2-normalizes.
/// </summary>
/// <remarks>
/// Thread-safe: the tokenizer is immutable and <see cref="OnnxSession.Run"/> may be called concurrently. The work is
/// CPU-bound and runs on the calling thread; callers that must not block offload it.
/// </remarks>
public sealed class BertEmbeddingGenerator : IEmbeddingModel
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string TokenTypeIds = "token_type_ids";
    public const string LastHiddenState = "last_hidden_state";
    public const int DefaultBatchSize = 32;

    private readonly OnnxSession _session;
    private readonly bool _ownsSession;
    private readonly string[] _outputNames;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <param name="session">The encoder; not disposed with this generator (see <see cref="FromFolder"/> for one that is).</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="profile">Pooling, prefixes, dimensions and input length of the model.</param>
    /// <param name="batchSize">Texts per encoder run; longer lists are split.</param>
    /// <exception cref="NotSupportedException">The model's inputs or outputs are not those of a BERT encoder, or its hidden size is not the profile's.</exception>
    public BertEmbeddingGenerator(OnnxSession session, WordPieceTokenizer tokenizer, BertModelProfile profile, int batchSize = DefaultBatchSize)
        : this(session, tokenizer, profile, batchSize, ownsSession: false)
    {
    }

    private BertEmbeddingGenerator(OnnxSession session, WordPieceTokenizer tokenizer, BertModelProfile profile, int batchSize, bool ownsSession)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(profile.MaxTokens, 2, nameof(profile));
        _session = session;
        Tokenizer = tokenizer;
        Profile = profile;
        BatchSize = batchSize;
        UsesTokenTypeIds = CheckInputs(session, profile);
        OutputName = ChooseOutput(session, profile);
        _outputNames = [OutputName];
        _ownsSession = ownsSession;
        _metadata = new EmbeddingGeneratorMetadata("newsbot-onnx", defaultModelId: profile.Id, defaultModelDimensions: profile.Dimensions);
    }

    /// <summary>
    /// Loads an installed model folder: <c>model.onnx</c> and <c>tokenizer.json</c> (or an uncased <c>vocab.txt</c>).
    /// The generator owns the session it creates and disposes it.
    /// </summary>
    public static BertEmbeddingGenerator FromFolder(string folder, BertModelProfile profile, OnnxSessionOptions? sessionOptions = null, int batchSize = DefaultBatchSize)
    {
        var tokenizerJson = Path.Combine(folder, "tokenizer.json");
        var vocabTxt = Path.Combine(folder, "vocab.txt");
        var tokenizer = File.Exists(tokenizerJson) ? WordPieceTokenizer.FromTokenizerJson(tokenizerJson)
            : File.Exists(vocabTxt) ? WordPieceTokenizer.FromVocabFile(vocabTxt)
            : throw new FileNotFoundException($"{folder} has neither tokenizer.json nor vocab.txt. Run ./newsbot models install {profile.Id}.");
        var session = OnnxSession.FromFile(Path.Combine(folder, "model.onnx"), sessionOptions);
        try
        {
            return new BertEmbeddingGenerator(session, tokenizer, profile, batchSize, ownsSession: true);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public BertModelProfile Profile { get; }
    public WordPieceTokenizer Tokenizer { get; }
    public int BatchSize { get; }

    /// <summary>Whether the model takes <c>token_type_ids</c> (BERT does; DistilBERT-style exports do not).</summary>
    public bool UsesTokenTypeIds { get; }

    /// <summary>The output read: <c>last_hidden_state</c>, or the model's first output when it has none of that name.</summary>
    public string OutputName { get; }

    public string Id => Profile.Id;
    public int Dimensions => Profile.Dimensions;

    /// <summary>[CLS], the word pieces of the prefixed text, [SEP]: all of them, before the profile's length limit.</summary>
    public IReadOnlyList<int> Tokenize(string text, EmbeddingGenerationOptions? options = null) =>
        [Tokenizer.Vocabulary.ClsId, .. Tokenizer.TokenIds(Profile.PrefixFor(EmbeddingPurpose.IsQuery(options)) + text), Tokenizer.Vocabulary.SepId];

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return Task.FromResult(Generate(values, options, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<GeneratedEmbeddings<Embedding<float>>>(cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<GeneratedEmbeddings<Embedding<float>>>(e);
        }
    }

    private GeneratedEmbeddings<Embedding<float>> Generate(IEnumerable<string> values, EmbeddingGenerationOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } dimensions && dimensions != Profile.Dimensions)
            throw new NotSupportedException($"{Profile.Id} embeds in {Profile.Dimensions} dimensions, not {dimensions}.");
        var prefix = Profile.PrefixFor(EmbeddingPurpose.IsQuery(options));
        var texts = values.Select(v => prefix + (v ?? throw new ArgumentException("A text to embed is null.", nameof(values)))).ToList();

        var embeddings = new List<Embedding<float>>(texts.Count);
        long tokens = 0;
        var createdAt = DateTimeOffset.UtcNow;
        foreach (var chunk in texts.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = Tokenizer.EncodeBatch(chunk, Profile.MaxTokens);
            tokens += batch.Lengths.Sum();
            foreach (var vector in Encode(batch))
                embeddings.Add(new Embedding<float>(vector) { ModelId = Profile.Id, CreatedAt = createdAt });
        }
        return new GeneratedEmbeddings<Embedding<float>>(embeddings) { Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens } };
    }

    private float[][] Encode(BertBatch batch)
    {
        var shape = batch.Shape;
        List<OnnxInput> inputs =
        [
            OnnxInput.Create(InputIds, batch.InputIds, shape),
            OnnxInput.Create(AttentionMask, batch.AttentionMask, shape),
        ];
        if (UsesTokenTypeIds) inputs.Add(OnnxInput.Create(TokenTypeIds, batch.TokenTypeIds, shape));

        using var result = _session.Run(inputs, _outputNames);
        var output = result[0];
        var hidden = output.Shape[^1];
        if (hidden != Profile.Dimensions)
            throw new InvalidOperationException($"{Profile.Id}'s output '{OutputName}' has {hidden} values per token, but the profile says {Profile.Dimensions}.");
        var data = output.GetData<float>();

        var vectors = new float[batch.Size][];
        for (var row = 0; row < batch.Size; row++)
        {
            vectors[row] = output.Shape.Count == 2
                ? data.Slice(row * Profile.Dimensions, Profile.Dimensions).ToArray() // the export pooled already
                : Pool(data.Slice(row * batch.SequenceLength * Profile.Dimensions, batch.SequenceLength * Profile.Dimensions),
                    batch.AttentionMask.AsSpan(row * batch.SequenceLength, batch.SequenceLength));
            if (Profile.Normalize) Normalize(vectors[row]);
        }
        return vectors;
    }

    /// <summary>One text's token vectors [sequence, hidden] to one vector, ignoring padding.</summary>
    private float[] Pool(ReadOnlySpan<float> tokens, ReadOnlySpan<long> mask)
    {
        var size = Profile.Dimensions;
        if (Profile.Pooling == BertPooling.Cls) return tokens[..size].ToArray();

        var sum = new float[size];
        var count = 0;
        for (var t = 0; t < mask.Length; t++)
        {
            if (mask[t] == 0) continue;
            TensorPrimitives.Add(sum, tokens.Slice(t * size, size), sum);
            count++;
        }
        TensorPrimitives.Divide(sum, Math.Max(count, 1), sum);
        return sum;
    }

    private static void Normalize(float[] vector)
    {
        // As torch.nn.functional.normalize: a zero vector stays zero instead of becoming NaN.
        var norm = TensorPrimitives.Norm<float>(vector);
        TensorPrimitives.Divide(vector, MathF.Max(norm, 1e-12f), vector);
    }

    /// <summary>Checks the inputs are BERT's and says whether token_type_ids is one of them.</summary>
    private static bool CheckInputs(OnnxSession session, BertModelProfile profile)
    {
        var names = session.Inputs.ToDictionary(i => i.Name, i => i.ElementType, StringComparer.Ordinal);
        foreach (var required in new[] { InputIds, AttentionMask })
            if (!names.ContainsKey(required))
                throw new NotSupportedException($"{profile.Id}: the model has no '{required}' input, so it is not a BERT encoder export. Its inputs: {string.Join(", ", session.Inputs)}.");
        var unknown = names.Keys.Except([InputIds, AttentionMask, TokenTypeIds]).ToList();
        if (unknown.Count > 0)
            throw new NotSupportedException($"{profile.Id}: the model also takes {string.Join(", ", unknown)}, which a BERT encoder does not. Its inputs: {string.Join(", ", session.Inputs)}.");
        var wrongType = names.Where(n => n.Value != TensorElementType.Int64).Select(n => n.Key).ToList();
        if (wrongType.Count > 0)
            throw new NotSupportedException($"{profile.Id}: inputs {string.Join(", ", wrongType)} must be int64. Its inputs: {string.Join(", ", session.Inputs)}.");
        return names.ContainsKey(TokenTypeIds);
    }

    private static string ChooseOutput(OnnxSession session, BertModelProfile profile)
    {
        var output = session.Outputs.FirstOrDefault(o => o.Name == LastHiddenState) ?? session.Outputs.FirstOrDefault()
            ?? throw new NotSupportedException($"{profile.Id}: the model has no outputs.");
        if (output.ElementType != TensorElementType.Float || output.Shape.Count is not (2 or 3))
            throw new NotSupportedException($"{profile.Id}: output {output} is not float token vectors [batch, sequence, hidden] or pooled vectors [batch, hidden].");
        if (output.Shape[^1] > 0 && output.Shape[^1] != profile.Dimensions)
            throw new NotSupportedException($"{profile.Id}: output {output} has hidden size {output.Shape[^1]}, but the profile says {profile.Dimensions} dimensions.");
        return output.Name;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(EmbeddingGeneratorMetadata)) return _metadata;
        if (serviceType == typeof(BertModelProfile)) return Profile;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        if (_ownsSession) _session.Dispose();
    }
}
