using System.Runtime.InteropServices;

namespace NewsBot.Embeddings.OnnxFormat;

/// <summary>ONNX tensor element types (TensorProto.DataType) this project writes.</summary>
public enum OnnxDataType
{
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
}

/// <summary>A node attribute: an int, a float or a list of ints (the only kinds our graphs use).</summary>
public readonly record struct OnnxAttribute(string Name, long? Int = null, float? Float = null, long[]? Ints = null)
{
    public static OnnxAttribute Of(string name, long value) => new(name, Int: value);
    public static OnnxAttribute Of(string name, float value) => new(name, Float: value);
    public static OnnxAttribute Of(string name, params long[] values) => new(name, Ints: values);
}

/// <summary>
/// Builds an ONNX model (ModelProto) in memory, from the public ONNX spec (onnx/onnx.proto): nodes, initializers
/// with raw little-endian data, and typed graph inputs and outputs. Node outputs get generated unique names,
/// so a graph reads like the expression it computes.
/// </summary>
/// <remarks>Field numbers: ModelProto ir_version 1, producer_name 2, graph 7, opset_import 8; OperatorSetIdProto
/// domain 1, version 2; GraphProto node 1, name 2, initializer 5, input 11, output 12; NodeProto input 1, output 2,
/// name 3, op_type 4, attribute 5, domain 7; TensorProto dims 1, data_type 2, name 8, raw_data 9; AttributeProto
/// name 1, f 2, i 3, ints 8, type 20.</remarks>
public sealed class OnnxGraphBuilder(string graphName)
{
    private readonly List<ProtoWriter> _nodes = [];
    private readonly List<ProtoWriter> _initializers = [];
    private readonly List<ProtoWriter> _inputs = [];
    private readonly List<ProtoWriter> _outputs = [];
    private readonly HashSet<string> _names = [];
    private readonly Dictionary<string, long> _extraOpsets = [];
    private int _counter;

    public int NodeCount => _nodes.Count;

    /// <summary>Declares a graph input. A dimension is a fixed size (int/long) or a symbolic name (string).</summary>
    public string Input(string name, OnnxDataType type, params object[] dims)
    {
        _inputs.Add(ValueInfo(Claim(name), type, dims));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> as the graph output <paramref name="name"/> (through an Identity node).</summary>
    public void Output(string value, string name, OnnxDataType type, params object[] dims)
    {
        Claim(name);
        _nodes.Add(new ProtoWriter().String(1, value).String(2, name).String(3, name + "_identity").String(4, "Identity"));
        _outputs.Add(ValueInfo(name, type, dims));
    }

    public string Initializer(string name, ReadOnlySpan<float> data, params long[] dims) =>
        AddInitializer(name, OnnxDataType.Float, MemoryMarshal.AsBytes(data), dims);

    public string Initializer(string name, ReadOnlySpan<long> data, params long[] dims) =>
        AddInitializer(name, OnnxDataType.Int64, MemoryMarshal.AsBytes(data), dims);

    public string Initializer(string name, ReadOnlySpan<sbyte> data, params long[] dims) =>
        AddInitializer(name, OnnxDataType.Int8, MemoryMarshal.AsBytes(data), dims);

    public string Initializer(string name, ReadOnlySpan<byte> data, params long[] dims) =>
        AddInitializer(name, OnnxDataType.UInt8, data, dims);

    public string Scalar(string name, float value) => Initializer(name, [value]);

    public string Scalar(string name, long value) => Initializer(name, [value]);

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string op, string[] inputs, params OnnxAttribute[] attributes) => Node(op, inputs, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputCount"/> outputs and returns their names.</summary>
    public string[] Node(string op, string[] inputs, int outputCount, params OnnxAttribute[] attributes) =>
        DomainNode("", op, inputs, outputCount, attributes);

    /// <summary>
    /// Adds a node of an operator set other than the default one (for example <c>com.microsoft</c>, ONNX Runtime's
    /// contrib operators), which the model then imports at <paramref name="opsetVersion"/>. An optional input left
    /// out is passed as "".
    /// </summary>
    public string DomainNode(string domain, long opsetVersion, string op, string[] inputs, params OnnxAttribute[] attributes)
    {
        if (_extraOpsets.TryGetValue(domain, out var imported) && imported != opsetVersion)
            throw new ArgumentException($"Operator set '{domain}' is already imported at version {imported}, not {opsetVersion}.");
        _extraOpsets[domain] = opsetVersion;
        return DomainNode(domain, op, inputs, 1, attributes)[0];
    }

    private string[] DomainNode(string domain, string op, string[] inputs, int outputCount, OnnxAttribute[] attributes)
    {
        var id = _counter++;
        var outputs = new string[outputCount];
        for (var i = 0; i < outputCount; i++)
            outputs[i] = Claim(outputCount == 1 ? $"{op}_{id}" : $"{op}_{id}_{i}");

        var node = new ProtoWriter();
        foreach (var input in inputs) node.String(1, input);
        foreach (var output in outputs) node.String(2, output);
        node.String(3, $"{op}_{id}_node").String(4, op);
        foreach (var attribute in attributes) node.Message(5, Attribute(attribute));
        if (domain.Length > 0) node.String(7, domain);
        _nodes.Add(node);
        return outputs;
    }

    /// <summary>The serialized ModelProto.</summary>
    public byte[] ToModel(string producer, long opset = 17, long irVersion = 8) => Model(producer, opset, irVersion).ToArray();

    public void WriteModel(Stream destination, string producer, long opset = 17, long irVersion = 8) =>
        Model(producer, opset, irVersion).CopyTo(destination);

    private ProtoWriter Model(string producer, long opset, long irVersion)
    {
        var graph = new ProtoWriter();
        foreach (var node in _nodes) graph.Message(1, node);
        graph.String(2, graphName);
        foreach (var initializer in _initializers) graph.Message(5, initializer);
        foreach (var input in _inputs) graph.Message(11, input);
        foreach (var output in _outputs) graph.Message(12, output);

        var model = new ProtoWriter()
            .Int(1, irVersion)
            .String(2, producer)
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Int(2, opset));
        foreach (var (domain, version) in _extraOpsets) model.Message(8, new ProtoWriter().String(1, domain).Int(2, version));
        return model;
    }

    private string AddInitializer(string name, OnnxDataType type, ReadOnlySpan<byte> raw, long[] dims)
    {
        var tensor = new ProtoWriter();
        foreach (var dim in dims) tensor.Int(1, dim);
        tensor.Int(2, (long)type).String(8, Claim(name)).Bytes(9, raw);
        _initializers.Add(tensor);
        return name;
    }

    private static ProtoWriter Attribute(OnnxAttribute attribute)
    {
        var writer = new ProtoWriter().String(1, attribute.Name);
        if (attribute.Int is { } i) return writer.Int(3, i).Int(20, 2);
        if (attribute.Float is { } f) return writer.Float(2, f).Int(20, 1);
        if (attribute.Ints is { } ints)
        {
            foreach (var value in ints) writer.Int(8, value);
            return writer.Int(20, 7);
        }
        throw new ArgumentException($"Attribute '{attribute.Name}' has no value.");
    }

    private static ProtoWriter ValueInfo(string name, OnnxDataType type, object[] dims)
    {
        var shape = new ProtoWriter();
        foreach (var dim in dims)
        {
            var dimension = dim switch
            {
                string symbol => new ProtoWriter().String(2, symbol),
                int size => new ProtoWriter().Int(1, size),
                long size => new ProtoWriter().Int(1, size),
                _ => throw new ArgumentException($"Dimension of '{name}' must be a size or a symbolic name, not {dim}."),
            };
            shape.Message(1, dimension);
        }
        var tensorType = new ProtoWriter().Int(1, (long)type).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }

    private string Claim(string name)
    {
        if (!_names.Add(name)) throw new ArgumentException($"The graph already has a value named '{name}'.");
        return name;
    }
}
