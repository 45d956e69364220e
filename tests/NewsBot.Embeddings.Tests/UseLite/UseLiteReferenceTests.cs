using System.Numerics.Tensors;
using NewsBot.Embeddings.UseLite;

namespace NewsBot.Embeddings.Tests.UseLite;

/// <summary>NewsBot's tokenizer and ONNX conversion against the outputs of the TF.js original.</summary>
public sealed class UseLiteReferenceTests(UseLiteModel model) : IClassFixture<UseLiteModel>
{
    private static readonly IReadOnlyList<ReferenceLine> Reference = ReferenceLine.Load();

    [Fact]
    public void Token_ids_are_identical_on_every_reference_line()
    {
        var mismatches = Reference
            .Where(r => !model.Tokenizer.Encode(r.Text).SequenceEqual(r.Ids))
            .Select(r => r.Text.Length > 60 ? r.Text[..60] : r.Text)
            .ToList();
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} lines differ, first: {mismatches.FirstOrDefault()}");
    }

    [Fact]
    public async Task Embeddings_match_the_reference_with_cosine_at_least_0_999_on_every_line()
    {
        // One call embeds every line, so lines share padded batches: padding must not change a text's vector. The set
        // holds texts longer than the model reads and the empty text, so truncation and the empty case are covered.
        Assert.Contains(Reference, r => r.Ids.Length > UseLiteOnnxConverter.MaxTokens);
        Assert.Contains(Reference, r => r.Text.Length == 0);
        var embeddings = await model.Generator.GenerateAsync(Reference.Select(r => r.Text).ToList());
        var worst = Reference
            .Select((r, i) => (r.Text, Cosine: TensorPrimitives.CosineSimilarity(r.Embedding, embeddings[i].Vector.Span)))
            .MinBy(x => x.Cosine);
        Assert.True(worst.Cosine >= 0.999f, $"cosine {worst.Cosine} for \"{worst.Text}\"");
    }

    [Fact]
    public async Task A_text_embeds_the_same_alone_and_in_a_batch()
    {
        var text = Reference.First(r => r.Ids.Length is > 5 and < 40).Text;
        var alone = (await model.Generator.GenerateAsync([text]))[0].Vector;
        var batched = (await model.Generator.GenerateAsync([text, string.Join(' ', Enumerable.Repeat("a much longer text", 30)), ""]))[0].Vector;
        Assert.True(TensorPrimitives.CosineSimilarity(alone.Span, batched.Span) > 0.99999f);
    }

    [Fact]
    public async Task Vectors_are_unit_length_and_carry_the_model_id()
    {
        var embeddings = await model.Generator.GenerateAsync(["Amazon unveiled Trainium3 at re:Invent.", ""]);
        Assert.All(embeddings, e =>
        {
            Assert.Equal(UseLiteOnnxConverter.Dimensions, e.Vector.Length);
            Assert.Equal(1f, TensorPrimitives.Norm(e.Vector.Span), 3);
            Assert.Equal("use-lite", e.ModelId);
        });
    }

    [Fact]
    public async Task Related_sentences_are_closer_than_unrelated_ones()
    {
        var e = await model.Generator.GenerateAsync([
            "Amazon's newest chip for training AI models",
            "AWS unveiled the Trainium3 training processor",
            "The recipe calls for two cups of flour"]);
        var related = TensorPrimitives.CosineSimilarity(e[0].Vector.Span, e[1].Vector.Span);
        var unrelated = TensorPrimitives.CosineSimilarity(e[0].Vector.Span, e[2].Vector.Span);
        Assert.True(related > unrelated + 0.1f, $"related {related}, unrelated {unrelated}");
    }

    [Fact]
    public void Tokenize_gives_every_id_of_the_text()
    {
        var longest = Reference.MaxBy(r => r.Ids.Length)!;
        Assert.Equal(longest.Ids, model.Generator.Tokenize(longest.Text));
    }
}
