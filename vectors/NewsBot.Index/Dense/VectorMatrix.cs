using System.Numerics.Tensors;

namespace NewsBot.Index.Dense;

/// <summary>
/// Vectors as one contiguous row-major float array, each row scaled to unit length so a dot product is the cosine
/// similarity. Search is exact: every (unmasked) row is scored with a SIMD dot product.
/// </summary>
public sealed class VectorMatrix
{
    private readonly float[] _data;

    /// <summary>Takes ownership of <paramref name="data"/> (rows × <paramref name="dimensions"/>) and normalises it in place.</summary>
    public VectorMatrix(float[] data, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (data.Length % dimensions != 0)
            throw new ArgumentException($"The data length {data.Length} is not a multiple of the dimensions {dimensions}.", nameof(data));
        _data = data;
        Dimensions = dimensions;
        Rows = data.Length / dimensions;
        for (var row = 0; row < Rows; row++) Normalize(_data.AsSpan(row * dimensions, dimensions));
    }

    public int Rows { get; }
    public int Dimensions { get; }

    public ReadOnlySpan<float> Row(int row) => _data.AsSpan(row * Dimensions, Dimensions);

    /// <summary>The <paramref name="k"/> rows most similar to <paramref name="query"/>, best first; only rows in <paramref name="mask"/> when given.</summary>
    public ScoredRow[] Search(ReadOnlySpan<float> query, int k, RowMask? mask = null)
    {
        var top = new TopK(k);
        if (k <= 0) return [];
        var q = NormalizedCopy(query);
        for (var row = 0; row < Rows; row++)
        {
            if (mask is not null && !mask[row]) continue;
            top.Offer(row, TensorPrimitives.Dot(q, Row(row)));
        }
        return top.ToSortedArray();
    }

    /// <summary>The exact score of every row into <paramref name="scores"/>.</summary>
    public void ScoreAll(ReadOnlySpan<float> normalizedQuery, Span<float> scores)
    {
        for (var row = 0; row < Rows; row++) scores[row] = TensorPrimitives.Dot(normalizedQuery, Row(row));
    }

    /// <summary>The exact score of every row in <paramref name="rows"/>, for re-scoring candidates found another way.</summary>
    public float Score(ReadOnlySpan<float> normalizedQuery, int row) => TensorPrimitives.Dot(normalizedQuery, Row(row));

    /// <summary>A unit-length copy of <paramref name="query"/>; checks its length against the matrix.</summary>
    public float[] NormalizedCopy(ReadOnlySpan<float> query)
    {
        if (query.Length != Dimensions)
            throw new ArgumentException($"The query has {query.Length} dimensions; the matrix has {Dimensions}.", nameof(query));
        var copy = query.ToArray();
        Normalize(copy);
        return copy;
    }

    /// <summary>A zero vector stays zero: it then scores 0 against everything instead of NaN.</summary>
    private static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0 && float.IsFinite(norm)) TensorPrimitives.Divide(vector, norm, vector);
    }
}
