namespace NewsBot.Embeddings.OnnxFormat;

/// <summary>
/// A weight matrix [rows, columns] quantized to int8 symmetrically per column: each column has its own scale, so one
/// large weight does not cost the precision of every other column, and zero stays exactly zero (no zero point).
/// </summary>
/// <remarks>
/// <paramref name="Levels"/> is the largest quantized magnitude. 127 uses the whole int8 range; 63 (7 bits) leaves
/// headroom for CPUs whose u8×s8 dot-product instruction (AVX2 VPMADDUBSW) saturates pairs of products at int16.
/// </remarks>
public sealed record ColumnQuantizedMatrix(sbyte[] Values, float[] Scales, int Rows, int Columns, int Levels)
{
    public static ColumnQuantizedMatrix Quantize(ReadOnlySpan<float> matrix, int rows, int columns, int levels = 127)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(matrix.Length, rows * columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(levels, 127);

        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                scales[c] = Math.Max(scales[c], Math.Abs(matrix[r * columns + c]));
        for (var c = 0; c < columns; c++)
            scales[c] = scales[c] > 0 ? scales[c] / levels : 1f; // an all-zero column stays zero at any scale

        var values = new sbyte[matrix.Length];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                values[r * columns + c] = (sbyte)Math.Clamp(MathF.Round(matrix[r * columns + c] / scales[c]), -levels, levels);
        return new ColumnQuantizedMatrix(values, scales, rows, columns, levels);
    }

    /// <summary>The float matrix this one stands for (tests compare it with the original).</summary>
    public float[] Dequantize()
    {
        var result = new float[Values.Length];
        for (var i = 0; i < Values.Length; i++) result[i] = Values[i] * Scales[i % Columns];
        return result;
    }
}
