using System.Runtime.InteropServices;

namespace NewsBot.Onnx.Tests.Models;

/// <summary>
/// Builds small ONNX models as protobuf bytes (field numbers from onnx.proto; see docs/notes/onnxruntime-c-api.md
/// section 5), so tests need neither model files nor the onnx package.
/// </summary>
internal sealed class OnnxModel
{
    private const int OpsetVersion = 13;
    // Kept apart so that ToBytes writes GraphProto fields in field order, as onnx's own serializer does.
    private readonly ProtoWriter _nodes = new();
    private readonly ProtoWriter _initializers = new();
    private readonly ProtoWriter _inputs = new();
    private readonly ProtoWriter _outputs = new();

    public OnnxModel Node(string opType, string[] inputs, string[] outputs, string? name = null, params ProtoWriter[] attributes)
    {
        var node = new ProtoWriter();
        foreach (var input in inputs) node.String(1, input);
        foreach (var output in outputs) node.String(2, output);
        if (name is not null) node.String(3, name);
        node.String(4, opType);
        foreach (var attribute in attributes) node.Message(5, attribute);
        _nodes.Message(1, node);
        return this;
    }

    /// <summary>A declared input; a dimension is a size (long) or a symbolic name (string).</summary>
    public OnnxModel Input(string name, TensorElementType type, params object[] dims)
    {
        _inputs.Message(11, ValueInfo(name, type, dims));
        return this;
    }

    public OnnxModel Output(string name, TensorElementType type, params object[] dims)
    {
        _outputs.Message(12, ValueInfo(name, type, dims));
        return this;
    }

    /// <summary>A constant float tensor (weights), stored as raw little-endian bytes.</summary>
    public OnnxModel Initializer(string name, float[] values, params long[] dims)
    {
        var tensor = new ProtoWriter();
        foreach (var dim in dims) tensor.Varint(1, dim);
        tensor.Varint(2, (long)TensorElementType.Float).String(8, name).Bytes(9, MemoryMarshal.AsBytes(values.AsSpan()));
        _initializers.Message(5, tensor);
        return this;
    }

    public static ProtoWriter IntAttribute(string name, long value) =>
        new ProtoWriter().String(1, name).Varint(3, value).Varint(20, 2); // AttributeProto.INT = 2

    public byte[] ToBytes(string graphName = "g", string producer = "newsbot-tests")
    {
        var graph = new ProtoWriter().Raw(_nodes).String(2, graphName).Raw(_initializers).Raw(_inputs).Raw(_outputs);
        return new ProtoWriter()
            .Varint(1, 8) // ir_version
            .String(2, producer)
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, OpsetVersion))
            .ToArray();
    }

    private static ProtoWriter ValueInfo(string name, TensorElementType type, object[] dims)
    {
        var shape = new ProtoWriter();
        foreach (var dim in dims)
        {
            shape.Message(1, dim switch
            {
                string symbol => new ProtoWriter().String(2, symbol),
                _ => new ProtoWriter().Varint(1, Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture)),
            });
        }
        var tensorType = new ProtoWriter().Varint(1, (long)type).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
