using System.Numerics.Tensors;

namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// The float arithmetic under the fake's exact (brute-force) search, on System.Numerics.Tensors' SIMD kernels so a
/// corpus of ~15,000 points with multivectors stays quick. Sums run in single precision like Qdrant's SIMD kernels; the
/// order of additions differs from theirs, so scores can differ from a real Qdrant in the last bits.
/// </summary>
internal static class FakeVectorMath
{
    /// <summary>Rust's <c>f32::EPSILON</c> (machine epsilon), not .NET's <c>float.Epsilon</c> (the smallest subnormal).</summary>
    private const float RustF32Epsilon = 1.1920929E-07f;

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var length = Math.Min(a.Length, b.Length);
        return TensorPrimitives.Dot(a[..length], b[..length]);
    }

    public static float SquaredEuclid(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var distance = Euclid(a, b);
        return distance * distance;
    }

    public static float Manhattan(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var length = Math.Min(a.Length, b.Length);
        Span<float> difference = length <= 1024 ? stackalloc float[length] : new float[length];
        TensorPrimitives.Subtract(a[..length], b[..length], difference);
        return TensorPrimitives.SumOfMagnitudes(difference);
    }

    private static float Euclid(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var length = Math.Min(a.Length, b.Length);
        return TensorPrimitives.Distance(a[..length], b[..length]);
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
        var normalised = new float[vector.Length];
        TensorPrimitives.Divide(vector, MathF.Sqrt(squaredLength), normalised);
        return normalised;
    }
}
