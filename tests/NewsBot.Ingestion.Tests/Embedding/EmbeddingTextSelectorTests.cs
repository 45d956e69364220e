using NewsBot.Index.Embeddings;
using NewsBot.Ingestion.Embedding;

namespace NewsBot.Ingestion.Tests.Embedding;

public class EmbeddingTextSelectorTests
{
    private const string Text = "OpenAI released a new model today. Read more. It beats the last one on coding benchmarks.";

    [Fact]
    public void By_default_the_title_goes_with_the_first_passage_and_short_fragments_are_skipped()
    {
        var texts = new EmbeddingTextSelector(EmbeddingTargets.Default).Select("A new model", 0, Text);

        Assert.Equal([(0, EmbeddedTextKind.Title, "A new model"), (1, EmbeddedTextKind.Sentence, "OpenAI released a new model today."),
                      (2, EmbeddedTextKind.Sentence, "It beats the last one on coding benchmarks.")],
            texts.Select(t => (t.Item, t.Kind, t.Text)));
    }

    [Fact]
    public void Later_passages_carry_no_title()
    {
        var texts = new EmbeddingTextSelector(EmbeddingTargets.Default).Select("A new model", 1, Text);
        Assert.DoesNotContain(texts, t => t.Kind == EmbeddedTextKind.Title);
    }

    [Fact]
    public void The_whole_passage_is_added_when_asked()
    {
        var texts = new EmbeddingTextSelector(EmbeddingTargets.Title | EmbeddingTargets.Passage).Select("A new model", 0, Text);
        Assert.Equal([EmbeddedTextKind.Title, EmbeddedTextKind.Passage], texts.Select(t => t.Kind));
        Assert.Equal(Text, texts[1].Text);
    }

    [Fact]
    public void A_passage_of_fragments_only_is_still_represented_by_its_text()
    {
        var texts = new EmbeddingTextSelector(EmbeddingTargets.Sentences).Select("Title", 2, "Read more. Image: Meta.");
        Assert.Equal((0, EmbeddedTextKind.Passage, "Read more. Image: Meta."), texts.Select(t => (t.Item, t.Kind, t.Text)).Single());
    }
}
