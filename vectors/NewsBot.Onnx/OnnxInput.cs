using System.Buffers;
using NewsBot.Onnx.Native;

namespace NewsBot.Onnx;

/// <summary>
/// A named input tensor over caller-owned memory. Nothing is copied: <see cref="OnnxSession.Run"/> pins the memory and
/// hands ONNX Runtime a pointer into it for the duration of the call, so the memory must not change during <c>Run</c>.
/// </summary>
public readonly struct OnnxInput
{
    private readonly TensorData? _data;
    private readonly long[]? _shape;

    private OnnxInput(string name, TensorElementType elementType, long[] shape, TensorData data)
    {
        Name = name;
        ElementType = elementType;
        _shape = shape;
        _data = data;
    }

    /// <summary>The model input this feeds.</summary>
    public string Name { get; }

    public TensorElementType ElementType { get; }

    public IReadOnlyList<long> Shape => _shape ?? [];

    internal bool IsDefault => _data is null;

    internal ReadOnlySpan<long> ShapeSpan => _shape;

    internal nuint ByteLength => _data!.ByteLength;

    internal MemoryHandle Pin() => _data!.Pin();

    /// <summary>A tensor of <paramref name="shape"/> over <paramref name="data"/>, in row-major order.</summary>
    /// <exception cref="ArgumentException">The shape has a negative dimension or does not match the element count.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a tensor element type.</exception>
    public static OnnxInput Create<T>(string name, ReadOnlyMemory<T> data, params long[] shape) where T : unmanaged
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        var elementType = TensorElementTypes.Require<T>();
        if (shape.Any(d => d < 0))
            throw new ArgumentException($"Input '{name}' has a negative dimension in shape [{string.Join(", ", shape)}].", nameof(shape));
        var expected = TensorElementTypes.ElementCount(shape);
        if (expected != data.Length)
            throw new ArgumentException(
                $"Input '{name}' has shape [{string.Join(", ", shape)}], which holds {expected} elements, but {data.Length} were given.", nameof(data));
        return new OnnxInput(name, elementType, (long[])shape.Clone(), new TensorData<T>(data));
    }

    /// <inheritdoc cref="Create{T}(string, ReadOnlyMemory{T}, long[])"/>
    public static OnnxInput Create<T>(string name, Memory<T> data, params long[] shape) where T : unmanaged =>
        Create(name, (ReadOnlyMemory<T>)data, shape);

    /// <inheritdoc cref="Create{T}(string, ReadOnlyMemory{T}, long[])"/>
    public static OnnxInput Create<T>(string name, T[] data, params long[] shape) where T : unmanaged =>
        Create(name, new ReadOnlyMemory<T>(data ?? throw new ArgumentNullException(nameof(data))), shape);

    public override string ToString() => $"{Name}: {ElementType}[{string.Join(", ", Shape)}]";

    // Erases T so that inputs of different element types fit in one list.
    private abstract class TensorData
    {
        public abstract nuint ByteLength { get; }

        public abstract MemoryHandle Pin();
    }

    private sealed unsafe class TensorData<T>(ReadOnlyMemory<T> memory) : TensorData where T : unmanaged
    {
        public override nuint ByteLength => (nuint)memory.Length * (nuint)sizeof(T);

        public override MemoryHandle Pin() => memory.Pin();
    }
}
