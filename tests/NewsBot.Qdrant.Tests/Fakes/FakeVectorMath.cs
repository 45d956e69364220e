using System.Numerics;
using System.Runtime.InteropServices;

namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// The float arithmetic under the fake's exact (brute-force) search, vectorised so a corpus of ~15,000 points with
/// multivectors stays quick. Sums run in single precision like Qdrant's SIMD kernels; the order of additions differs
/// from theirs, so scores can differ from a real Qdrant in the last bits.
/// </summary>
internal static class FakeVectorMath
{
    /// <summary>Rust's <c>f32::EPSILON</c> (machine epsilon), not .NET's <c>float.Epsilon</c> (the smallest subnormal).</summary>
    private const float RustF32Epsilon = 1.1920929E-07f;

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var length = Math.Min(a.Length, b.Length);
        var i = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated && length >= Vector<float>.Count)
        {
            var accumulator = Vector<float>.Zero;
            var va = MemoryMarshal.Cast<float, Vector<float>>(a[..length]);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..length]);
            for (var v = 0; v < va.Length; v++)
            {
                accumulator += va[v] * vb[v];
            }
            sum = Vector.Sum(accumulator);
            i = va.Length * Vector<float>.Count;
        }
        for (; i < length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    public static float SquaredEuclid(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var length = Math.Min(a.Length, b.Length);
        var i = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated && length >= Vector<float>.Count)
        {
            var accumulator = Vector<float>.Zero;
            var va = MemoryMarshal.Cast<float, Vector<float>>(a[..length]);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..length]);
            for (var v = 0; v < va.Length; v++)
            {
                var difference = va[v] - vb[v];
                accumulator += difference * difference;
            }
            sum = Vector.Sum(accumulator);
            i = va.Length * Vector<float>.Count;
        }
        for (; i < length; i++)
        {
            var difference = a[i] - b[i];
            sum += difference * difference;
        }
        return sum;
    }

    public static float Manhattan(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var length = Math.Min(a.Length, b.Length);
        var i = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated && length >= Vector<float>.Count)
        {
            var accumulator = Vector<float>.Zero;
            var va = MemoryMarshal.Cast<float, Vector<float>>(a[..length]);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..length]);
            for (var v = 0; v < va.Length; v++)
            {
                accumulator += Vector.Abs(va[v] - vb[v]);
            }
            sum = Vector.Sum(accumulator);
            i = va.Length * Vector<float>.Count;
        }
        for (; i < length; i++)
        {
            sum += MathF.Abs(a[i] - b[i]);
        }
        return sum;
    }

    /// <summary>
    /// Qdrant's <c>cosine_preprocess</c> with <c>is_length_zero_or_normalized</c> (lib/segment/src/spaces): a vector whose squared length is below
    /// <c>f32::EPSILON</c> or within 1e-6 of 1 is kept as it is, any other is divided by its length.
    /// </summary>
    public static float[] CosinePreprocess(float[] vector)
    {
        var squaredLength = Dot(vector, vector);
        if (squaredLength < RustF32Epsilon || MathF.Abs(squaredLength - 1f) <= 1.0e-6f)
        {
            return vector;
        }
        var length = MathF.Sqrt(squaredLength);
        var normalised = new float[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            normalised[i] = vector[i] / length;
        }
        return normalised;
    }
}
