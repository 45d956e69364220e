using Microsoft.Extensions.AI;

namespace NewsBot.Testing;

/// <summary>
/// A FAKE embedding model for tests only: a text's vector is its bag of lower-cased words, each hashed into one of
/// <see cref="Dimensions"/> buckets, L2-normalised. Texts sharing words get similar vectors, deterministically and
/// without any model files. Counts its calls, and can be told to fail on a text.
/// </summary>
public sealed class HashingTestEmbeddingGenerator(string modelId = "hashing-test", int dimensions = 64) : IEmbeddingGenerator<string, Embedding<float>>
{
    private int _calls;
    private int _texts;

    public int Dimensions => dimensions;
    public int Calls => _calls;
    public int TextsEmbedded => _texts;

    /// <summary>Texts containing this throw, as a broken model would.</summary>
    public string? FailOn { get; set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _texts, texts.Count);
        if (FailOn is { } marker && texts.Any(t => t.Contains(marker, StringComparison.Ordinal)))
            throw new InvalidOperationException($"the test model refuses texts containing '{marker}'");
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(Embed(t)))));
    }

    public float[] Embed(string text)
    {
        var vector = new float[dimensions];
        foreach (var word in text.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            vector[(int)(Fnv1a(word) % (uint)dimensions)] += 1;
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        if (norm > 0) for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
        return vector;
    }

    /// <summary>Stable across runs and machines, unlike string.GetHashCode.</summary>
    private static uint Fnv1a(string word)
    {
        var hash = 2166136261;
        foreach (var c in word) hash = (hash ^ c) * 16777619;
        return hash;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("test", null, modelId, dimensions)
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }

    private static readonly char[] Separators = [.. " \t\n\r.,;:!?\"'()[]{}“”‘’—–-/"];
}
