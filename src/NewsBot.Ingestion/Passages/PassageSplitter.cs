using NewsBot.Domain.Text;
using NewsBot.Index;

namespace NewsBot.Ingestion.Passages;

/// <summary>
/// Cuts a story's text into passages along sentence boundaries, never across stories: sentences are gathered until a
/// passage reaches the target size and never past the maximum; a tail shorter than the minimum joins the passage
/// before it when that stays within the maximum. A single sentence longer than the maximum is cut at word breaks.
/// </summary>
public sealed class PassageSplitter(PassageSizes sizes)
{
    public IReadOnlyList<PassageRecord> Split(string text)
    {
        var pieces = SentencePieces(text);
        var passages = new List<(int Start, int End, int Words)>();
        var current = (Start: -1, End: -1, Words: 0);
        foreach (var (span, words) in pieces)
        {
            if (current.Start >= 0 && (current.Words >= sizes.TargetWords || current.Words + words > sizes.MaxWords))
            {
                passages.Add(current);
                current = (-1, -1, 0);
            }
            current = current.Start < 0 ? (span.Start, span.End, words) : (current.Start, span.End, current.Words + words);
        }
        if (current.Start >= 0)
        {
            if (passages.Count > 0 && current.Words < sizes.MinWords && passages[^1].Words + current.Words <= sizes.MaxWords)
                passages[^1] = (passages[^1].Start, current.End, passages[^1].Words + current.Words);
            else
                passages.Add(current);
        }
        return passages.Select((p, i) => new PassageRecord(i, p.Start, p.End - p.Start, text[p.Start..p.End])).ToList();
    }

    /// <summary>The text's sentences, with any sentence longer than the maximum cut into word-aligned pieces.</summary>
    private List<(TextSpan Span, int Words)> SentencePieces(string text)
    {
        var pieces = new List<(TextSpan, int)>();
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            var words = Words.Count(text.AsSpan(sentence.Start, sentence.Length));
            if (words <= sizes.MaxWords)
            {
                pieces.Add((sentence, words));
                continue;
            }
            var start = sentence.Start;
            var count = 0;
            for (var i = sentence.Start; i < sentence.End; i++)
            {
                if (!char.IsWhiteSpace(text[i]) || (i > 0 && char.IsWhiteSpace(text[i - 1]))) continue;
                if (++count < sizes.TargetWords) continue;
                pieces.Add((new TextSpan(start, i - start), count));
                while (i < sentence.End && char.IsWhiteSpace(text[i])) i++;
                start = i;
                count = 0;
            }
            if (start < sentence.End) pieces.Add((new TextSpan(start, sentence.End - start), Words.Count(text.AsSpan(start, sentence.End - start))));
        }
        return pieces;
    }
}

/// <summary>Passage sizes in words.</summary>
public sealed record PassageSizes(int MinWords, int TargetWords, int MaxWords);
