using NewsBot.Onnx.Native;

namespace NewsBot.Onnx;

/// <summary>
/// One output tensor of a run, in memory owned by ONNX Runtime until its <see cref="OnnxRunResult"/> is disposed.
/// An output that is a model input passed straight through reads the caller's input buffer instead (ORT does not copy it).
/// </summary>
public sealed class OnnxOutput
{
    private readonly OrtValueHandle _value;
    private readonly nint _data;
    private readonly int _length;

    private OnnxOutput(string name, TensorElementType elementType, long[] shape, OrtValueHandle value, nint data)
    {
        Name = name;
        ElementType = elementType;
        Shape = Array.AsReadOnly(shape);
        _value = value;
        _data = data;
        _length = checked((int)TensorElementTypes.ElementCount(shape));
    }

    public string Name { get; }

    public TensorElementType ElementType { get; }

    /// <summary>The actual dimensions (never symbolic).</summary>
    public IReadOnlyList<long> Shape { get; }

    internal static unsafe OnnxOutput Read(string name, OrtValueHandle value)
    {
        var pointer = value.DangerousGetHandle();
        if (!OrtApi.IsTensor(pointer))
            throw new NotSupportedException($"Output '{name}' is not a tensor; only tensor outputs are supported.");
        using var info = OrtApi.GetTensorTypeAndShape(pointer);
        var elementType = OrtApi.GetTensorElementType(info.DangerousGetHandle());
        var shape = OrtApi.GetDimensions(info.DangerousGetHandle());
        return new OnnxOutput(name, elementType, shape, value, (nint)OrtApi.GetTensorMutableData(pointer));
    }

    /// <summary>
    /// The elements, in row-major order, read in place. Valid only until the result is disposed: copy them
    /// (<c>ToArray()</c>) to keep them longer.
    /// </summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> does not match <see cref="ElementType"/>.</exception>
    /// <exception cref="ObjectDisposedException">The result was disposed.</exception>
    public unsafe ReadOnlySpan<T> GetData<T>() where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_value.IsClosed, this);
        var requested = TensorElementTypes.Of<T>();
        if (requested != ElementType)
            throw new InvalidOperationException(
                $"Output '{Name}' holds {ElementType} elements; GetData<{typeof(T).Name}> reads {requested}.");
        return new ReadOnlySpan<T>((void*)_data, _length);
    }

    internal nint DataPointer => _data;

    internal void Release() => _value.Dispose();

    public override string ToString() => $"{Name}: {ElementType}[{string.Join(", ", Shape)}]";
}
