namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// How one stored vector scores against a query, as Qdrant's metrics do (lib/segment/src/spaces): similarity is the dot
/// product for Cosine (both sides normalised) and Dot, and the negated squared distance (Euclid) or negated L1 distance
/// (Manhattan) so that larger is always better while ranking; <see cref="Postprocess"/> turns the latter back into the
/// distance Qdrant reports (<c>EuclidMetric::postprocess</c> is <c>sqrt(|score|)</c>). A multivector scores by max_sim: the
/// sum, over the query's rows, of the best similarity with any of the point's rows. A sparse vector scores by the dot
/// product over shared indices, and not at all (no result) when none are shared, as Qdrant's sparse search only visits
/// points in the query's posting lists.
/// </summary>
internal static class FakeScoring
{
    public static float Similarity(FakeDistance distance, ReadOnlySpan<float> query, ReadOnlySpan<float> stored) => distance switch
    {
        FakeDistance.Cosine or FakeDistance.Dot => FakeVectorMath.Dot(query, stored),
        FakeDistance.Euclid => -FakeVectorMath.SquaredEuclid(query, stored),
        _ => -FakeVectorMath.Manhattan(query, stored),
    };

    public static float Postprocess(FakeDistance distance, float similarity) => distance switch
    {
        FakeDistance.Euclid => MathF.Sqrt(MathF.Abs(similarity)),
        FakeDistance.Manhattan => MathF.Abs(similarity),
        _ => similarity,
    };

    public static float MaxSim(FakeDistance distance, float[][] queryRows, float[][] storedRows)
    {
        var sum = 0f;
        foreach (var queryRow in queryRows)
        {
            var best = float.NegativeInfinity;
            foreach (var storedRow in storedRows)
            {
                best = MathF.Max(best, Similarity(distance, queryRow, storedRow));
            }
            sum += best;
        }
        return sum;
    }

    /// <summary>Both vectors sorted by index; null when they share none.</summary>
    public static float? Sparse(FakeSparseVector query, FakeSparseVector stored)
    {
        var score = 0f;
        var overlap = false;
        int i = 0, j = 0;
        while (i < query.Indices.Length && j < stored.Indices.Length)
        {
            var comparison = query.Indices[i].CompareTo(stored.Indices[j]);
            if (comparison < 0)
            {
                i++;
            }
            else if (comparison > 0)
            {
                j++;
            }
            else
            {
                overlap = true;
                score += query.Values[i] * stored.Values[j];
                i++;
                j++;
            }
        }
        return overlap ? score : null;
    }
}
