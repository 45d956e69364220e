namespace NewsBot.Onnx.Native;

/// <summary>Maps .NET element types to tensor element types; the checks fold away when the JIT specializes <c>T</c>.</summary>
internal static class TensorElementTypes
{
    /// <summary>The tensor element type stored as <typeparamref name="T"/>, or <see cref="TensorElementType.Undefined"/>.</summary>
    public static TensorElementType Of<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? TensorElementType.Float
        : typeof(T) == typeof(long) ? TensorElementType.Int64
        : typeof(T) == typeof(int) ? TensorElementType.Int32
        : typeof(T) == typeof(byte) ? TensorElementType.UInt8
        : typeof(T) == typeof(sbyte) ? TensorElementType.Int8
        : typeof(T) == typeof(ushort) ? TensorElementType.UInt16
        : typeof(T) == typeof(short) ? TensorElementType.Int16
        : typeof(T) == typeof(bool) ? TensorElementType.Bool // one byte, as in ONNX
        : typeof(T) == typeof(Half) ? TensorElementType.Float16
        : typeof(T) == typeof(double) ? TensorElementType.Double
        : typeof(T) == typeof(uint) ? TensorElementType.UInt32
        : typeof(T) == typeof(ulong) ? TensorElementType.UInt64
        : TensorElementType.Undefined;

    public static TensorElementType Require<T>() where T : unmanaged
    {
        var type = Of<T>();
        return type != TensorElementType.Undefined
            ? type
            : throw new NotSupportedException($"{typeof(T).Name} is not a tensor element type ONNX Runtime supports.");
    }

    /// <summary>The number of elements of a concrete shape; an empty shape is a scalar.</summary>
    public static long ElementCount(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var dim in shape) count = checked(count * dim);
        return count;
    }
}
