using NewsBot.Embeddings.Bert;
using NewsBot.Embeddings.OnnxFormat;

namespace NewsBot.Embeddings.Tests.Bert;

/// <summary>
/// A BERT-shaped encoder small enough to build in a test: word + token type + position embeddings, LayerNorm, one
/// masked single-head self-attention and a Tanh projection, with seeded random weights. <see cref="Model"/> writes it
/// as ONNX for ONNX Runtime; <see cref="HiddenStates"/> computes the same network in plain C# as the reference.
/// </summary>
internal sealed class TinyBert
{
    public const int Hidden = 8;
    private const int MaxPositions = 32;
    private const float Epsilon = 1e-5f;

    public static readonly string[] VocabTokens =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "query", "passage", ":", "the", "cat", "sat", "on", "mat", "dog", "ran", "a", "##s",
        "fast", "news", "ai", "model", "new", "released", "today", ".", ",", "big", "small", "open", "source", "##ing",
    ];

    private readonly float[] _words, _types, _positions, _gamma, _beta, _wq, _wk, _wv, _wo, _bo;

    public TinyBert(int seed = 7)
    {
        var random = new Random(seed);
        float[] Weights(int count, float scale) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();
        _words = Weights(VocabTokens.Length * Hidden, 1f);
        _types = Weights(2 * Hidden, 0.5f);
        _positions = Weights(MaxPositions * Hidden, 0.5f);
        _gamma = Weights(Hidden, 0.2f).Select(w => w + 1f).ToArray();
        _beta = Weights(Hidden, 0.1f);
        _wq = Weights(Hidden * Hidden, 0.6f);
        _wk = Weights(Hidden * Hidden, 0.6f);
        _wv = Weights(Hidden * Hidden, 0.6f);
        _wo = Weights(Hidden * Hidden, 0.6f);
        _bo = Weights(Hidden, 0.1f);
    }

    public static WordPieceTokenizer Tokenizer() => new(WordPieceVocabulary.FromLines(VocabTokens));

    /// <summary>The ONNX model; <paramref name="withTokenTypes"/> false leaves out the token_type_ids input, as DistilBERT exports do.</summary>
    public byte[] Model(bool withTokenTypes = true, string outputName = "last_hidden_state")
    {
        var g = new OnnxGraphBuilder("tiny_bert");
        var ids = g.Input("input_ids", OnnxDataType.Int64, "batch", "sequence");
        var mask = g.Input("attention_mask", OnnxDataType.Int64, "batch", "sequence");

        var embedded = g.Node("Gather", [g.Initializer("word_embeddings", _words, VocabTokens.Length, Hidden), ids]);
        if (withTokenTypes)
        {
            var types = g.Input("token_type_ids", OnnxDataType.Int64, "batch", "sequence");
            embedded = g.Node("Add", [embedded, g.Node("Gather", [g.Initializer("token_type_embeddings", _types, 2, Hidden), types])]);
        }
        var length = g.Node("Gather", [g.Node("Shape", [ids]), g.Scalar("one", 1L)], OnnxAttribute.Of("axis", 0L));
        var positionIds = g.Node("Range", [g.Scalar("zero", 0L), length, g.Scalar("step", 1L)]);
        embedded = g.Node("Add", [embedded, g.Node("Gather", [g.Initializer("position_embeddings", _positions, MaxPositions, Hidden), positionIds])]);
        var x = g.Node("LayerNormalization", [embedded, g.Initializer("gamma", _gamma, Hidden), g.Initializer("beta", _beta, Hidden)],
            OnnxAttribute.Of("axis", -1L), OnnxAttribute.Of("epsilon", Epsilon));

        var q = g.Node("MatMul", [x, g.Initializer("wq", _wq, Hidden, Hidden)]);
        var k = g.Node("MatMul", [x, g.Initializer("wk", _wk, Hidden, Hidden)]);
        var v = g.Node("MatMul", [x, g.Initializer("wv", _wv, Hidden, Hidden)]);
        var scores = g.Node("Div", [g.Node("MatMul", [q, g.Node("Transpose", [k], OnnxAttribute.Of("perm", 0L, 2L, 1L))]), g.Scalar("scale", MathF.Sqrt(Hidden))]);
        // BERT's extended attention mask: padding keys get a large negative score, so softmax gives them no weight.
        var keep = g.Node("Cast", [mask], OnnxAttribute.Of("to", (long)OnnxDataType.Float));
        var bias = g.Node("Mul", [g.Node("Sub", [g.Scalar("one_f", 1f), keep]), g.Scalar("minus_big", -10000f)]);
        var weights = g.Node("Softmax", [g.Node("Add", [scores, g.Node("Unsqueeze", [bias, g.Initializer("axis_1", [1L], 1)])])], OnnxAttribute.Of("axis", -1L));
        var attended = g.Node("MatMul", [weights, v]);
        var output = g.Node("Tanh", [g.Node("Add", [g.Node("MatMul", [g.Node("Add", [x, attended]), g.Initializer("wo", _wo, Hidden, Hidden)]), g.Initializer("bo", _bo, Hidden)])]);

        g.Output(output, outputName, OnnxDataType.Float, "batch", "sequence", Hidden);
        return g.ToModel("newsbot-tests");
    }

    /// <summary>The network on one unpadded sequence (token type 0, every token attended): [length, hidden].</summary>
    public float[][] HiddenStates(IReadOnlyList<long> ids, bool withTokenTypes = true)
    {
        var n = ids.Count;
        var x = new float[n][];
        for (var t = 0; t < n; t++)
        {
            var e = new float[Hidden];
            for (var h = 0; h < Hidden; h++) e[h] = _words[ids[t] * Hidden + h] + (withTokenTypes ? _types[h] : 0f) + _positions[t * Hidden + h];
            var mean = e.Average();
            var variance = e.Select(a => (a - mean) * (a - mean)).Average();
            x[t] = e.Select((a, h) => (a - mean) / MathF.Sqrt(variance + Epsilon) * _gamma[h] + _beta[h]).ToArray();
        }
        var q = x.Select(r => Times(r, _wq)).ToArray();
        var k = x.Select(r => Times(r, _wk)).ToArray();
        var v = x.Select(r => Times(r, _wv)).ToArray();

        var result = new float[n][];
        for (var i = 0; i < n; i++)
        {
            var scores = k.Select(kj => q[i].Zip(kj, (a, b) => a * b).Sum() / MathF.Sqrt(Hidden)).ToArray();
            var max = scores.Max();
            var exp = scores.Select(s => MathF.Exp(s - max)).ToArray();
            var total = exp.Sum();
            var mixed = new float[Hidden];
            for (var j = 0; j < n; j++)
                for (var h = 0; h < Hidden; h++) mixed[h] += exp[j] / total * v[j][h];
            var projected = Times(x[i].Zip(mixed, (a, b) => a + b).ToArray(), _wo);
            result[i] = projected.Select((p, h) => MathF.Tanh(p + _bo[h])).ToArray();
        }
        return result;
    }

    /// <summary>The reference sentence embedding: pooled as asked and L2-normalized.</summary>
    public float[] Embedding(IReadOnlyList<long> ids, BertPooling pooling, bool withTokenTypes = true)
    {
        var states = HiddenStates(ids, withTokenTypes);
        var pooled = pooling == BertPooling.Cls
            ? states[0]
            : Enumerable.Range(0, Hidden).Select(h => states.Average(s => s[h])).ToArray();
        var norm = MathF.Sqrt(pooled.Sum(p => p * p));
        return pooled.Select(p => p / norm).ToArray();
    }

    private static float[] Times(float[] row, float[] matrix)
    {
        var result = new float[Hidden];
        for (var o = 0; o < Hidden; o++)
            for (var i = 0; i < Hidden; i++) result[o] += row[i] * matrix[i * Hidden + o];
        return result;
    }
}
