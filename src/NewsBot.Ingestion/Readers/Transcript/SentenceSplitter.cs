using NewsBot.Domain.Text;
using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers.Transcript;

/// <summary>
/// Splits speech-to-text output into sentences: at ".", "!" or "?" followed by a capital, a digit or a quote,
/// except after abbreviations ("U.S.", "Dr."). Run-on sentences are chopped at commas so no unit is too long
/// for a segment.
/// </summary>
internal static partial class SentenceSplitter
{
    /// <summary>Longer units could not be packed into 200–800 word segments.</summary>
    public const int MaxUnitWords = 120;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "st", "vs", "etc", "jr", "sr", "inc", "co", "corp", "ltd", "no", "approx", "fig", "al",
    };

    public static List<Sentence> Split(string text)
    {
        var sentences = new List<Sentence>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('.' or '!' or '?')) continue;
            var end = i + 1;
            while (end < text.Length && text[end] is '.' or '!' or '?' or '"' or '”' or '\'' or '’' or ')') end++;
            if (end + 1 >= text.Length || text[end] != ' ' || !OpensSentence(text[end + 1]) || IsAbbreviation(text, i)) continue;
            Add(sentences, text, start, end);
            start = end + 1;
            i = end;
        }
        if (start < text.Length) Add(sentences, text, start, text.Length);
        return sentences;
    }

    private static bool OpensSentence(char c) => char.IsUpper(c) || char.IsDigit(c) || c is '"' or '“' or '\'' or '‘' or '$' or '♪';

    private static bool IsAbbreviation(string text, int period)
    {
        if (text[period] != '.') return false;
        var wordStart = text.LastIndexOf(' ', period) + 1;
        var word = text[wordStart..period];
        return Abbreviations.Contains(word) || DottedLetters().IsMatch(word);
    }

    private static void Add(List<Sentence> sentences, string text, int start, int end)
    {
        foreach (var (pieceStart, pieceEnd) in Chop(text, start, end))
        {
            var piece = text[pieceStart..pieceEnd];
            if (piece.Trim().Length > 0) sentences.Add(new Sentence(pieceStart, pieceEnd, piece, Words.Count(piece)));
        }
    }

    /// <summary>Pieces of at most <see cref="MaxUnitWords"/> words, cut after a comma where there is one.</summary>
    private static IEnumerable<(int Start, int End)> Chop(string text, int start, int end)
    {
        while (Words.Count(text.AsSpan(start, end - start)) > MaxUnitWords)
        {
            var cut = CutPoint(text, start, end);
            yield return (start, cut);
            start = cut + 1;
        }
        yield return (start, end);
    }

    /// <summary>The space after the last comma within the allowed words, else the space after the last allowed word.</summary>
    private static int CutPoint(string text, int start, int end)
    {
        int words = 0, lastSpace = -1, lastCommaSpace = -1;
        for (var i = start; i < end && words < MaxUnitWords; i++)
        {
            if (text[i] != ' ') continue;
            words++;
            lastSpace = i;
            if (i > start && text[i - 1] == ',') lastCommaSpace = i;
        }
        return lastCommaSpace > start + (lastSpace - start) / 2 ? lastCommaSpace : lastSpace;
    }

    [GeneratedRegex(@"^(?:\p{L}\.)+\p{L}$|^\p{Lu}$")]
    private static partial Regex DottedLetters();
}
