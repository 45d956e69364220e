using System.Numerics.Tensors;

namespace NewsBot.Cli.Benchmarks;

/// <summary>How close one set of vectors is to another, pair by pair: the mean and the worst cosine.</summary>
public sealed record CosineSummary(double Mean, double Min)
{
    public static CosineSummary? Compare(IReadOnlyList<float[]> vectors, IReadOnlyList<float[]>? reference)
    {
        if (reference is null || reference.Count != vectors.Count || vectors.Count == 0) return null;
        var cosines = vectors.Select((v, i) => (double)TensorPrimitives.CosineSimilarity(v, reference[i])).ToList();
        return new CosineSummary(cosines.Average(), cosines.Min());
    }

    public override string ToString() => $"{Mean:0.000000} / {Min:0.000000}";
}
