using System.Numerics.Tensors;
using NewsBot.Embeddings.OnnxFormat;
using NewsBot.Embeddings.UseLite;
using NewsBot.Onnx;

namespace NewsBot.Embeddings.Tests.UseLite;

/// <summary>
/// The int8 USE-Lite (per-column int8 weights, DynamicQuantizeMatMul) stays close to the float model. The bound is
/// the measured worst case over the reference lines with a margin, so a broken quantization fails it while ordinary
/// rounding differences between ONNX Runtime builds do not.
/// </summary>
public sealed class UseLiteInt8Tests(UseLiteModel model) : IClassFixture<UseLiteModel>
{
    private const float MinimumCosineToFloat = 0.98f;
    private const float MinimumMeanCosineToFloat = 0.995f;
    private static readonly object BuildLock = new();

    [Fact]
    public async Task Int8_embeddings_stay_close_to_the_float_model_on_every_reference_line()
    {
        var texts = ReferenceLine.Load().Select(r => r.Text).ToList();
        using var quantized = OpenQuantized();
        var exact = await model.Generator.GenerateAsync(texts);
        var approximate = await quantized.GenerateAsync(texts);

        var cosines = texts.Select((_, i) => TensorPrimitives.CosineSimilarity(exact[i].Vector.Span, approximate[i].Vector.Span)).ToList();
        var worst = cosines.Select((c, i) => (Cosine: c, Text: texts[i])).MinBy(x => x.Cosine);
        Assert.True(worst.Cosine >= MinimumCosineToFloat, $"cosine {worst.Cosine} for \"{(worst.Text.Length > 60 ? worst.Text[..60] : worst.Text)}\"");
        Assert.True(cosines.Average() >= MinimumMeanCosineToFloat, $"mean cosine {cosines.Average()}");
    }

    [Fact]
    public void Column_quantization_round_trips_within_half_a_step()
    {
        float[] matrix = [0.5f, -2f, 0f, 0.25f, 1f, 0f, -0.125f, 0.75f, 0f];
        var quantized = ColumnQuantizedMatrix.Quantize(matrix, rows: 3, columns: 3, levels: 63);
        var restored = quantized.Dequantize();
        for (var i = 0; i < matrix.Length; i++)
            Assert.InRange(Math.Abs(restored[i] - matrix[i]), 0, quantized.Scales[i % 3] / 2 + 1e-7f);
        Assert.Equal(0, quantized.Values[2]); // an all-zero column stays exactly zero
        Assert.All(quantized.Values, v => Assert.InRange((int)v, -63, 63));
    }

    private UseLiteEmbeddingGenerator OpenQuantized()
    {
        lock (BuildLock)
            if (!model.Files.IsQuantizedBuilt) model.Files.BuildQuantized();
        return UseLiteEmbeddingGenerator.Open(model.Files, new OnnxSessionOptions { IntraOpThreads = 2 }, quantized: true);
    }
}
