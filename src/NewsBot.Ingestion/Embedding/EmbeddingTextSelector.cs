using NewsBot.Domain.Text;
using NewsBot.Index.Embeddings;

namespace NewsBot.Ingestion.Embedding;

/// <summary>One text of a passage to embed, numbered within the passage.</summary>
public readonly record struct EmbeddingText(int Item, EmbeddedTextKind Kind, string Text);

/// <summary>
/// Chooses the texts of a passage that get vectors, per <see cref="EmbeddingTargets"/>: the story title on the
/// story's first passage, the passage's sentences of at least a few words, the whole passage. A passage the chosen
/// targets leave without any text (only fragments, or a later passage when only titles are chosen) is represented by
/// its whole text, so every passage can be found by dense search.
/// </summary>
public sealed class EmbeddingTextSelector(EmbeddingTargets targets, int minSentenceWords = 3)
{
    public IReadOnlyList<EmbeddingText> Select(string storyTitle, int passageOrdinal, string passageText)
    {
        var texts = new List<EmbeddingText>();
        if (targets.HasFlag(EmbeddingTargets.Title) && passageOrdinal == 0 && !string.IsNullOrWhiteSpace(storyTitle))
            texts.Add(new(texts.Count, EmbeddedTextKind.Title, storyTitle));
        if (targets.HasFlag(EmbeddingTargets.Sentences))
            foreach (var sentence in SentenceSplitter.SplitToStrings(passageText))
                if (Words.Count(sentence) >= minSentenceWords)
                    texts.Add(new(texts.Count, EmbeddedTextKind.Sentence, sentence));
        if (targets.HasFlag(EmbeddingTargets.Passage) || texts.All(t => t.Kind == EmbeddedTextKind.Title))
            if (!string.IsNullOrWhiteSpace(passageText))
                texts.Add(new(texts.Count, EmbeddedTextKind.Passage, passageText));
        return texts;
    }
}
