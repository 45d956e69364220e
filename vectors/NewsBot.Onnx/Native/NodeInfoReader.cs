namespace NewsBot.Onnx.Native;

/// <summary>Reads a session's declared inputs or outputs: names, element types and shapes.</summary>
internal static class NodeInfoReader
{
    private const int OnnxTypeTensor = 1;

    public static IReadOnlyList<OnnxNodeInfo> Read(nint session, bool inputs)
    {
        var count = OrtApi.SessionGetCount(session, inputs);
        var nodes = new OnnxNodeInfo[count];
        for (var i = 0; i < count; i++)
        {
            var name = OrtApi.SessionGetName(session, i, inputs);
            using var typeInfo = OrtApi.SessionGetTypeInfo(session, i, inputs);
            nodes[i] = Describe(name, typeInfo.DangerousGetHandle());
        }
        return Array.AsReadOnly(nodes);
    }

    private static OnnxNodeInfo Describe(string name, nint typeInfo)
    {
        if (OrtApi.GetOnnxType(typeInfo) != OnnxTypeTensor)
            return new OnnxNodeInfo(name, TensorElementType.Undefined, []);
        // Borrowed from the type info, which the caller keeps alive meanwhile.
        var tensorInfo = OrtApi.CastTypeInfoToTensorInfo(typeInfo);
        return new OnnxNodeInfo(name, OrtApi.GetTensorElementType(tensorInfo), Array.AsReadOnly(OrtApi.GetDimensions(tensorInfo)));
    }
}
