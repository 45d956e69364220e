using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NewsBot.Index.Dense;

/// <summary>
/// A quarter-size copy of a <see cref="VectorMatrix"/>: each row scaled so its largest component is ±127 and rounded
/// to int8. Scanning it reads a quarter of the memory; its scores are approximate, so a search takes
/// <c>k × oversample</c> candidates from it and re-scores those exactly against the float matrix.
/// </summary>
public sealed class Int8Matrix
{
    private readonly VectorMatrix _exact;
    private readonly sbyte[] _data;
    private readonly float[] _scales;

    public Int8Matrix(VectorMatrix exact)
    {
        _exact = exact;
        _data = new sbyte[exact.Rows * exact.Dimensions];
        _scales = new float[exact.Rows];
        for (var row = 0; row < exact.Rows; row++)
            _scales[row] = Quantize(exact.Row(row), _data.AsSpan(row * exact.Dimensions, exact.Dimensions));
    }

    public int Rows => _exact.Rows;
    public int Dimensions => _exact.Dimensions;

    /// <summary>
    /// The <paramref name="k"/> best rows by exact score among the <c>k × <paramref name="oversample"/></c> best by
    /// int8 score. Scores returned are exact.
    /// </summary>
    public ScoredRow[] Search(ReadOnlySpan<float> query, int k, int oversample = 4, RowMask? mask = null)
    {
        if (k <= 0) return [];
        var q = _exact.NormalizedCopy(query);
        var quantized = new sbyte[Dimensions];
        Quantize(q, quantized);

        // The query's own scale is the same for every row, so it cannot change the order and is left out.
        var candidates = new TopK(checked(k * Math.Max(1, oversample)));
        for (var row = 0; row < Rows; row++)
        {
            if (mask is not null && !mask[row]) continue;
            candidates.Offer(row, Dot(quantized, _data.AsSpan(row * Dimensions, Dimensions)) * _scales[row]);
        }

        var top = new TopK(k);
        foreach (var candidate in candidates.ToSortedArray()) top.Offer(candidate.Row, _exact.Score(q, candidate.Row));
        return top.ToSortedArray();
    }

    /// <summary>
    /// Approximate scores of every row into <paramref name="scores"/>, in one pass over a quarter of the float
    /// matrix's memory (the scan is memory-bound, so this is what makes it fast).
    /// </summary>
    public void ScoreAll(ReadOnlySpan<float> normalizedQuery, Span<float> scores)
    {
        Span<sbyte> quantized = stackalloc sbyte[Dimensions];
        var queryScale = Quantize(normalizedQuery, quantized);
        for (var row = 0; row < Rows; row++)
            scores[row] = Dot(quantized, _data.AsSpan(row * Dimensions, Dimensions)) * _scales[row] * queryScale;
    }

    /// <summary>Writes <paramref name="vector"/> as int8 into <paramref name="target"/>; returns the scale back to floats.</summary>
    private static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> target)
    {
        var max = System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(vector);
        max = Math.Abs(max);
        if (!(max > 0) || !float.IsFinite(max))
        {
            target.Clear();
            return 0;
        }
        // ±127, never -128: products then stay within a short, which the SIMD dot relies on.
        var scale = max / 127f;
        for (var i = 0; i < vector.Length; i++) target[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] / scale), -127, 127);
        return scale;
    }

    internal static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported && a.Length >= 16)
        {
            var acc = Vector256<int>.Zero;
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            for (; i <= a.Length - 16; i += 16)
            {
                var va = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref ra, (nuint)i));
                var vb = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref rb, (nuint)i));
                acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(va, vb));
            }
            sum = Vector256.Sum(acc);
        }
        else if (Vector128.IsHardwareAccelerated && a.Length >= 16)
        {
            var acc = Vector128<int>.Zero;
            for (; i <= a.Length - 16; i += 16)
            {
                var (aLo, aHi) = Vector128.Widen(Vector128.Create(a.Slice(i, 16)));
                var (bLo, bHi) = Vector128.Widen(Vector128.Create(b.Slice(i, 16)));
                // Each product is at most 127², so the sum of two still fits a short.
                var (s0, s1) = Vector128.Widen(aLo * bLo + aHi * bHi);
                acc += s0 + s1;
            }
            sum = Vector128.Sum(acc);
        }
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
