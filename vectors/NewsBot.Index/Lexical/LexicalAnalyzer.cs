using System.Globalization;
using System.Text;

namespace NewsBot.Index.Lexical;

/// <summary>
/// Turns text into the terms keyword search matches on: Unicode-aware word split, case and diacritics folded,
/// Porter-stemmed. Every store analyses both passages and queries with this one class, so BM25 behaves the
/// same on the embedded store and on Qdrant's sparse vectors.
/// </summary>
/// <remarks>
/// Words are runs of letters and digits (Unicode L* and N*), as SQLite's unicode61 tokenizer splits them, so
/// "Amazon’s" gives "amazon" and "s", and "GPT-5" gives "gpt" and "5". Text is compatibility-decomposed (NFKD) and
/// combining marks dropped, so "Café" and "ﬁne" match "cafe" and "fine"; marks do not split a word.
/// Stop words (<see cref="IsStopWord"/>) are dropped before stemming, from documents and queries alike: they carry
/// no BM25 signal worth their postings. Words with a digit or a letter outside a–z are kept unstemmed ("gpt4o"), and
/// words longer than <see cref="MaxWordLength"/> (hashes, mangled URLs) are dropped.
/// </remarks>
public static class LexicalAnalyzer
{
    public const int MaxWordLength = 40;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
        "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further",
        "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how",
        "i", "if", "in", "into", "is", "it", "its", "itself", "just", "may", "me", "might", "more", "most", "must", "my", "myself",
        "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own",
        "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves",
        "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very",
        "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would",
        "yet", "you", "your", "yours", "yourself", "yourselves",
        // What the apostrophe split leaves of possessives and contractions ("Amazon’s", "don't", "we'll", "they've").
        "s", "t", "d", "ll", "m", "re", "ve", "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "hasn", "haven", "hadn",
        "couldn", "wouldn", "shouldn",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup =
        StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// True for a function word the index ignores. Takes a folded word (lowercase, no diacritics) before stemming,
    /// as <see cref="Analyze"/> checks it; the terms <see cref="Analyze"/> returns are never stop words.
    /// </summary>
    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>The terms of <paramref name="text"/> in order, repeats included (BM25 counts them).</summary>
    public static IReadOnlyList<string> Analyze(string? text)
    {
        var terms = new List<string>();
        if (string.IsNullOrEmpty(text)) return terms;
        if (!Ascii.IsValid(text) && !text.IsNormalized(NormalizationForm.FormKD))
            text = text.Normalize(NormalizationForm.FormKD);

        Span<char> word = stackalloc char[MaxWordLength + 2];
        var length = 0;         // of the current word, even past what the buffer holds
        var stemmable = true;   // only a–z so far

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (char.IsAsciiDigit(c)) stemmable = false;
                if (length < word.Length) word[length] = (char)(c | 0x20);  // ASCII lowercase; digits already have the bit
                length++;
                continue;
            }
            if (c < 0x80)
            {
                Flush(word, ref length, ref stemmable, terms);
                continue;
            }

            var rune = Rune.TryCreate(c, out var bmp) ? bmp
                : i + 1 < text.Length && Rune.TryCreate(c, text[i + 1], out var pair) ? pair
                : Rune.ReplacementChar;
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                    break;  // a diacritic NFKD split off, or a vowel sign: part of the word, not of its term
                case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                    or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber:
                    var folded = Rune.ToLowerInvariant(rune);
                    if (length + folded.Utf16SequenceLength <= word.Length) folded.EncodeToUtf16(word[length..]);
                    length += folded.Utf16SequenceLength;
                    stemmable = false;
                    break;
                default:
                    Flush(word, ref length, ref stemmable, terms);
                    break;
            }
            if (rune.Utf16SequenceLength == 2) i++;
        }
        Flush(word, ref length, ref stemmable, terms);
        return terms;
    }

    private static void Flush(Span<char> word, ref int length, ref bool stemmable, List<string> terms)
    {
        if (length is > 0 and <= MaxWordLength)
        {
            var folded = word[..length];
            if (!StopWordLookup.Contains(folded))
            {
                var termLength = stemmable ? PorterStemmer.Stem(folded) : length;
                terms.Add(new string(folded[..termLength]));
            }
        }
        length = 0;
        stemmable = true;
    }
}
