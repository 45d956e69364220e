namespace NewsBot.Onnx;

/// <summary>A model input or output as the model declares it.</summary>
/// <param name="Name">The name <see cref="OnnxSession.Run"/> matches inputs and outputs by.</param>
/// <param name="ElementType">The tensor element type; <see cref="TensorElementType.Undefined"/> for a value that is not a tensor.</param>
/// <param name="Shape">The declared dimensions; -1 for a symbolic (free) dimension such as a batch size.</param>
public sealed record OnnxNodeInfo(string Name, TensorElementType ElementType, IReadOnlyList<long> Shape)
{
    public override string ToString() => $"{Name}: {ElementType}[{string.Join(", ", Shape.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]";
}
