using NewsBot.Embeddings.OnnxFormat;

namespace NewsBot.Embeddings.UseLite;

/// <summary>
/// Rewrites the Universal Sentence Encoder Lite (TF.js graph model) as an equivalent ONNX model (opset 17,
/// standard operators only) that ONNX Runtime runs.
/// </summary>
/// <remarks>
/// The TF graph takes a sparse batch (indices, values) and spends most of its 317 nodes on sparse bookkeeping.
/// The ONNX model takes one dense input instead, <c>ids</c> int64 [batch, seq], right-padded with -1, seq ≤ 128;
/// because each row's tokens are contiguous from position 0, the TF gather/scatter steps reduce to multiplying by
/// the mask. Two transformer layers (pre-LN, 4 heads) follow, then masked mean pooling, a tanh layer and L2
/// normalisation. One quirk of the TF graph is kept on purpose: layer 0's input is 2·embedding + timing signal.
/// docs/notes/use-lite-to-onnx.md derives each step from the TF graph.
/// <para>
/// With <c>quantize</c>, every weight matrix (projections, feed-forward, residual and tanh layers) is stored as int8
/// per column and multiplied by ONNX Runtime's contrib operator <c>DynamicQuantizeMatMul</c> (com.microsoft), which
/// quantizes the activations per call. Attention products, layer norms and the embedding table stay float.
/// </para>
/// </remarks>
public static class UseLiteOnnxConverter
{
    public const string InputName = "ids";
    public const string OutputName = "embeddings";
    public const int Dimensions = 512;
    public const int MaxTokens = 128;

    private const string Kona = "module_apply_default/Encoder_en/KonaTransformer/";
    private const int Heads = 4;
    private const string ContribDomain = "com.microsoft";

    // 7-bit weights: this project's CPUs (AVX2 without VNNI) multiply u8×s8 with VPMADDUBSW, whose int16 pair sums
    // saturate with full-range int8 weights.
    private const int QuantizedLevels = 63;

    /// <summary>
    /// Converts <paramref name="modelJsonPath"/> (with its shards beside it) and writes the ONNX model; with
    /// <paramref name="quantize"/>, the int8 variant (smaller and faster, slightly less exact).
    /// </summary>
    public static void Convert(string modelJsonPath, string onnxPath, bool quantize = false)
    {
        var graph = Build(TfjsWeights.Load(modelJsonPath), quantize);
        var folder = Path.GetDirectoryName(Path.GetFullPath(onnxPath))!;
        Directory.CreateDirectory(folder);
        // Write beside the target, then move: a half-written model must never look like a finished one.
        var temp = Path.Combine(folder, $".{Path.GetFileName(onnxPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = File.Create(temp)) graph.WriteModel(stream, "newsbot use-lite converter");
            File.Move(temp, onnxPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static OnnxGraphBuilder Build(TfjsWeights weights, bool quantize = false)
    {
        var g = new OnnxGraphBuilder(quantize ? "use_lite_int8" : "use_lite");
        string W(string name)
        {
            var tensor = weights[name];
            return g.Initializer(Sanitize(name), tensor.Values, Dims(tensor));
        }
        string Dense(string x, string kernel, string bias) => quantize
            ? QuantizedDense(g, weights[kernel], x, W(bias))
            : g.Node("Add", [g.Node("MatMul", [x, W(kernel)]), W(bias)]);

        var zero = g.Scalar("c_zero_i64", 0L);
        var one = g.Scalar("c_one_i64", 1L);
        var minusOne = g.Scalar("c_minus_one_i64", -1L);
        var two = g.Scalar("c_two", 2f);
        var oneF = g.Scalar("c_one", 1f);
        var axisLast = g.Initializer("c_axis_last", [-1L], 1);
        var axis1 = g.Initializer("c_axis_1", [1L], 1);

        var ids = g.Input(InputName, OnnxDataType.Int64, "batch", "seq");
        var mask = g.Node("Cast", [g.Node("Greater", [ids, minusOne])], OnnxAttribute.Of("to", (long)OnnxDataType.Float)); // [B,L]
        var mask3 = g.Node("Unsqueeze", [mask, axisLast]);                                                                   // [B,L,1]
        var embedded = g.Node("Gather", [W("module/Embeddings_en"), g.Node("Max", [ids, zero])], OnnxAttribute.Of("axis", 0L));

        var length = g.Node("Gather", [g.Node("Shape", [ids]), axis1], OnnxAttribute.Of("axis", 0L));
        var positions = g.Node("Cast", [g.Node("Range", [zero, g.Node("Squeeze", [length]), one])], OnnxAttribute.Of("to", (long)OnnxDataType.Float));
        var angles = g.Node("Mul", [g.Node("Unsqueeze", [positions, axisLast]), W(Kona + "Encode/TransformerStack/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1")]);
        var timing = g.Node("Concat", [g.Node("Sin", [angles]), g.Node("Cos", [angles])], OnnxAttribute.Of("axis", 1L)); // [L,256]
        var h0 = g.Node("Mul", [g.Node("Add", [g.Node("Mul", [embedded, two]), timing]), mask3]);

        var attentionBias = g.Node("Unsqueeze", [
            g.Node("Mul", [g.Node("Sub", [oneF, mask]), g.Scalar("c_masked", -1e9f)]),
            g.Initializer("c_axes_1_2", [1L, 2L], 2)]);                                                                     // [B,1,1,L]

        var h1 = Layer(g, W, Dense, weights, 0, h0, 256, mask3, attentionBias);
        var h2 = Layer(g, W, Dense, weights, 1, h1, 512, mask3, attentionBias);

        var count = g.Node("Max", [g.Node("ReduceSum", [mask, axis1], OnnxAttribute.Of("keepdims", 1L)), oneF]);
        var pooled = g.Node("Div", [g.Node("ReduceSum", [g.Node("Mul", [h2, mask3]), axis1], OnnxAttribute.Of("keepdims", 0L)), count]);
        var y = g.Node("Tanh", [Dense(pooled, "module/Encoder_en/hidden_layers/tanh_layer_0/weights", "module/Encoder_en/hidden_layers/tanh_layer_0/bias")]);
        var squares = g.Node("Max", [g.Node("ReduceSum", [g.Node("Mul", [y, y]), axisLast], OnnxAttribute.Of("keepdims", 1L)), g.Scalar("c_l2_epsilon", 1e-12f)]);
        var normalized = g.Node("Mul", [y, g.Node("Reciprocal", [g.Node("Sqrt", [squares])])]);
        g.Output(normalized, OutputName, OnnxDataType.Float, "batch", Dimensions);
        return g;
    }

    private static string Layer(OnnxGraphBuilder g, Func<string, string> W, Func<string, string, string, string> Dense, TfjsWeights weights,
        int layer, string input, int width, string mask3, string attentionBias)
    {
        var p = Kona + $"Encode/Layer_{layer}/TransformerLayer/";
        var stack = Kona + $"Encode/TransformerStack/Layer_{layer}/TransformerLayer/";
        var module = $"module/Encoder_en/KonaTransformer/Encode/Layer_{layer}/TransformerLayer/";
        var headWidth = width / Heads;
        const string norm = "layer_prepostprocess/layer_norm/layer_norm_";

        string LayerNorm(string x, string prefix) => g.Node("LayerNormalization",
            [x, W(prefix + norm + "scale/ConcatPartitions/concat"), W(prefix + norm + "bias/ConcatPartitions/concat")],
            OnnxAttribute.Of("axis", -1L), OnnxAttribute.Of("epsilon", 1e-6f));

        var normalized = LayerNorm(input, p);
        var qkv = Dense(normalized, module + "MultiheadAttention/qkv_transform_single/kernel/part_0",
            p + "MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat");
        var split = g.Node("Split", [qkv, g.Initializer($"c_split_{layer}", [width, width, width], 3)], 3, OnnxAttribute.Of("axis", 2L));
        var headShape = g.Initializer($"c_head_shape_{layer}", [0L, 0L, Heads, headWidth], 4);
        var scale = g.Scalar($"c_query_scale_{layer}", weights[stack + "MultiheadAttention/mul/y"].Values[0]);

        var q = g.Node("Mul", [g.Node("Transpose", [g.Node("Reshape", [split[0], headShape])], OnnxAttribute.Of("perm", 0L, 2L, 1L, 3L)), scale]);
        var kT = g.Node("Transpose", [g.Node("Reshape", [split[1], headShape])], OnnxAttribute.Of("perm", 0L, 2L, 3L, 1L));
        var v = g.Node("Transpose", [g.Node("Reshape", [split[2], headShape])], OnnxAttribute.Of("perm", 0L, 2L, 1L, 3L));
        var attention = g.Node("Softmax", [g.Node("Add", [g.Node("MatMul", [q, kT]), attentionBias])], OnnxAttribute.Of("axis", -1L));
        var heads = g.Node("Reshape", [
            g.Node("Transpose", [g.Node("MatMul", [attention, v])], OnnxAttribute.Of("perm", 0L, 2L, 1L, 3L)),
            g.Initializer($"c_merge_shape_{layer}", [0L, 0L, width], 3)]);
        var attended = Dense(heads, module + "MultiheadAttention/output_transform_single/kernel/part_0",
            p + "MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat");

        // Layer 0 widens 256 → 512, so its residual goes through a dense projection (TF's AdjustResidualInput).
        var residual = layer == 0
            ? g.Node("Mul", [Dense(input, p + "dense/kernel/ConcatPartitions/concat", p + "dense/bias/ConcatPartitions/concat"), mask3])
            : input;
        var h = g.Node("Add", [attended, residual]);

        var ffnIn = LayerNorm(h, p + "FFN/");
        var hidden = g.Node("Relu", [Dense(ffnIn, stack + "FFN/conv1/Tensordot/Reshape_1", p + "FFN/conv1/bias/ConcatPartitions/concat")]);
        var ffnOut = Dense(hidden, stack + "FFN/conv2/Tensordot/Reshape_1", p + "FFN/conv2/bias/ConcatPartitions/concat");
        return g.Node("Add", [h, g.Node("Mul", [ffnOut, mask3])]);
    }

    // x·kernel + bias with the kernel as per-column int8; the operator quantizes x itself on each call.
    private static string QuantizedDense(OnnxGraphBuilder g, TfjsTensor kernel, string x, string bias)
    {
        var dims = Dims(kernel);
        var matrix = ColumnQuantizedMatrix.Quantize(kernel.Values, (int)dims[0], (int)dims[1], QuantizedLevels);
        var name = Sanitize(kernel.Name);
        var values = g.Initializer(name + "_int8", matrix.Values, dims);
        var scales = g.Initializer(name + "_scale", matrix.Scales, dims[1]);
        return g.DomainNode(ContribDomain, 1, "DynamicQuantizeMatMul", [x, values, scales, "", bias]);
    }

    // 1×1 convolution kernels [1,1,Cin,Cout] are plain [Cin,Cout] matrices.
    private static long[] Dims(TfjsTensor tensor) =>
        (tensor.Shape.Length == 4 ? tensor.Shape[2..] : tensor.Shape).Select(d => (long)d).ToArray();

    private static string Sanitize(string name) =>
        string.Create(name.Length, name, (span, source) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = char.IsAsciiLetterOrDigit(source[i]) ? source[i] : '_';
        });
}
