namespace NewsBot.Onnx.Tests.Models;

/// <summary>The models the tests run.</summary>
internal static class TestModels
{
    /// <summary><c>add.onnx</c> from docs/notes/onnxruntime-c-api.md: C = A + B, float[2].</summary>
    public const string NotesAddHex =
        "0808120868616e646d6164653a4c0a140a01410a01421201431a046164643022034164641201675a0f0a0141120a0a08080112040a0208025a0f0a0142120a0a08080112040a020802620f0a0143120a0a08080112040a02080242040a00100d";

    /// <summary>C = A + B over float[2].</summary>
    public static byte[] Add(string producer = "newsbot-tests") => new OnnxModel()
        .Node("Add", ["A", "B"], ["C"], name: "add0")
        .Input("A", TensorElementType.Float, 2L)
        .Input("B", TensorElementType.Float, 2L)
        .Output("C", TensorElementType.Float, 2L)
        .ToBytes(producer: producer);

    /// <summary>The weights of <see cref="MatMulRelu"/>, row-major [3, 2].</summary>
    public static readonly float[] Weights = [1, -1, 2, 0.5f, -3, 1];

    /// <summary>Y = Relu(X · W) with X float[N, 3], W constant [3, 2], Y float[N, 2].</summary>
    public static byte[] MatMulRelu() => new OnnxModel()
        .Initializer("W", Weights, 3, 2)
        .Node("MatMul", ["X", "W"], ["XW"])
        .Node("Relu", ["XW"], ["Y"])
        .Input("X", TensorElementType.Float, "N", 3L)
        .Output("Y", TensorElementType.Float, "N", 2L)
        .ToBytes();

    /// <summary>F = (float) I, with I int64[N].</summary>
    public static byte[] CastToFloat() => new OnnxModel()
        .Node("Cast", ["I"], ["F"], attributes: OnnxModel.IntAttribute("to", (long)TensorElementType.Float))
        .Input("I", TensorElementType.Int64, "N")
        .Output("F", TensorElementType.Float, "N")
        .ToBytes();

    /// <summary>Sum = A + B, Product = A * B, Greater = A &gt; B over float[N].</summary>
    public static byte[] ThreeOutputs() => new OnnxModel()
        .Node("Add", ["A", "B"], ["Sum"])
        .Node("Mul", ["A", "B"], ["Product"])
        .Node("Greater", ["A", "B"], ["Greater"])
        .Input("A", TensorElementType.Float, "N")
        .Input("B", TensorElementType.Float, "N")
        .Output("Sum", TensorElementType.Float, "N")
        .Output("Product", TensorElementType.Float, "N")
        .Output("Greater", TensorElementType.Bool, "N")
        .ToBytes();

    /// <summary>
    /// Out = A passed through untouched, and Doubled = A + A. ORT returns Out as a tensor over the caller's own
    /// input buffer rather than a copy.
    /// </summary>
    public static byte[] PassThrough() => new OnnxModel()
        .Node("Add", ["A", "A"], ["Doubled"])
        .Input("A", TensorElementType.Float, "N")
        .Output("A", TensorElementType.Float, "N")
        .Output("Doubled", TensorElementType.Float, "N")
        .ToBytes();

    /// <summary>The expected output of <see cref="MatMulRelu"/>, computed directly.</summary>
    public static float[] MatMulReluExpected(ReadOnlySpan<float> x)
    {
        var rows = x.Length / 3;
        var y = new float[rows * 2];
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < 2; c++)
        {
            var sum = 0f;
            for (var k = 0; k < 3; k++) sum += x[r * 3 + k] * Weights[k * 2 + c];
            y[r * 2 + c] = Math.Max(0, sum);
        }
        return y;
    }
}
