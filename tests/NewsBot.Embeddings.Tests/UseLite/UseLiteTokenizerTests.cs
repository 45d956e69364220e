namespace NewsBot.Embeddings.Tests.UseLite;

/// <summary>The reference tokenizer's quirks, which the model's ids depend on (see docs/notes/use-lite-to-onnx.md).</summary>
public sealed class UseLiteTokenizerTests(UseLiteModel model) : IClassFixture<UseLiteModel>
{
    [Theory]
    [InlineData("10:00", new[] { 320, 5920 })]                  // ":00" scores 0, yet wins: a best score of 0 counts as unset
    [InlineData("at 10:30 pm", new[] { 38, 320, 4177, 1804 })] // ":30" has the anomalous score +30
    [InlineData(":", new[] { 30, 57 })]                         // "▁:" has a null score and loses to "▁" + ":"
    [InlineData("🚀🤖", new[] { 30, 0 })]                        // a run of unknown characters is one unknown id
    [InlineData(" ", new[] { 30, 30 })]
    [InlineData("", new int[0])]
    public void Reproduces_the_reference_segmentation(string text, int[] expected) =>
        Assert.Equal(expected, model.Tokenizer.Encode(text));

    [Fact]
    public void Normalizes_with_NFKC_before_segmenting() =>
        Assert.Equal(model.Tokenizer.Encode("ﬁnal ①"), model.Tokenizer.Encode("final 1"));

    [Fact]
    public void A_lone_surrogate_is_one_unknown_symbol() =>
        Assert.Equal(model.Tokenizer.Encode("a \uD83D b"), model.Tokenizer.Encode("a \u0001 b"));
}
