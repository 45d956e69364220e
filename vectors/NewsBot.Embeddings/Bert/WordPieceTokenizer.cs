namespace NewsBot.Embeddings.Bert;

/// <summary>
/// BERT's tokenizer: the basic tokenizer splits text into words, then WordPiece splits each word greedily into the
/// longest vocabulary pieces from its start, continuation pieces prefixed with "##". A word it cannot split, or one
/// longer than <see cref="MaxInputCharsPerWord"/>, becomes the unknown token. Immutable, so safe to share across threads.
/// </summary>
public sealed class WordPieceTokenizer
{
    public const int DefaultMaxInputCharsPerWord = 100;
    public const string DefaultContinuingSubwordPrefix = "##";

    private readonly BertBasicTokenizer _basic;

    public WordPieceTokenizer(WordPieceVocabulary vocabulary, BertNormalization? normalization = null,
        int maxInputCharsPerWord = DefaultMaxInputCharsPerWord, string continuingSubwordPrefix = DefaultContinuingSubwordPrefix)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInputCharsPerWord, 1);
        ArgumentNullException.ThrowIfNull(continuingSubwordPrefix);
        Vocabulary = vocabulary;
        _basic = new BertBasicTokenizer(normalization ?? BertNormalization.Uncased);
        MaxInputCharsPerWord = maxInputCharsPerWord;
        ContinuingSubwordPrefix = continuingSubwordPrefix;
    }

    /// <summary>A tokenizer from a vocab.txt file. Casing is not in that file: pass it (tokenizer_config.json's do_lower_case).</summary>
    public static WordPieceTokenizer FromVocabFile(string vocabTxtPath, BertNormalization? normalization = null, SpecialTokens? specialTokens = null) =>
        new(WordPieceVocabulary.FromFile(vocabTxtPath, specialTokens), normalization);

    /// <summary>A tokenizer from a Hugging Face tokenizer.json with a WordPiece model and a BertNormalizer.</summary>
    public static WordPieceTokenizer FromTokenizerJson(string tokenizerJsonPath)
    {
        using var stream = File.OpenRead(tokenizerJsonPath);
        return TokenizerJson.Read(stream);
    }

    public static WordPieceTokenizer FromTokenizerJson(Stream tokenizerJson) => TokenizerJson.Read(tokenizerJson);

    public WordPieceVocabulary Vocabulary { get; }
    public BertNormalization Normalization => _basic.Normalization;
    public int MaxInputCharsPerWord { get; }
    public string ContinuingSubwordPrefix { get; }

    /// <summary>The word pieces of <paramref name="text"/>, without special tokens.</summary>
    public IReadOnlyList<string> Tokenize(string text) => TokenIds(text).Select(Vocabulary.TokenOf).ToList();

    /// <summary>The ids of the word pieces of <paramref name="text"/>, at most <paramref name="limit"/> of them.</summary>
    public List<int> TokenIds(string text, int limit = int.MaxValue)
    {
        var ids = new List<int>();
        foreach (var word in _basic.Split(text))
        {
            if (ids.Count >= limit) break;
            AppendWordPieces(word, ids);
        }
        if (ids.Count > limit) ids.RemoveRange(limit, ids.Count - limit);
        return ids;
    }

    /// <summary>[CLS] pieces [SEP], the pieces cut so that the whole is at most <paramref name="maxLength"/> ids.</summary>
    public long[] Encode(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var pieces = TokenIds(text, maxLength - 2);
        var ids = new long[pieces.Count + 2];
        ids[0] = Vocabulary.ClsId;
        for (var i = 0; i < pieces.Count; i++) ids[i + 1] = pieces[i];
        ids[^1] = Vocabulary.SepId;
        return ids;
    }

    /// <summary>Encodes every text (see <see cref="Encode"/>) and pads the rows to the longest one.</summary>
    public BertBatch EncodeBatch(IReadOnlyList<string> texts, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) throw new ArgumentException("A batch needs at least one text.", nameof(texts));
        var rows = texts.Select(t => Encode(t, maxLength)).ToArray();
        var length = rows.Max(r => r.Length);
        var inputIds = new long[rows.Length * length];
        var mask = new long[rows.Length * length];
        Array.Fill(inputIds, Vocabulary.PadId);
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r].CopyTo(inputIds, r * length);
            mask.AsSpan(r * length, rows[r].Length).Fill(1);
        }
        return new BertBatch(rows.Length, length, inputIds, mask, rows.Select(r => r.Length).ToArray());
    }

    private void AppendWordPieces(string word, List<int> ids)
    {
        var runeCount = 0;
        foreach (var _ in word.EnumerateRunes()) runeCount++;
        if (runeCount > MaxInputCharsPerWord)
        {
            ids.Add(Vocabulary.UnknownId);
            return;
        }

        var firstPiece = ids.Count;
        // Continuation candidates are looked up as prefix + slice, written into one scratch buffer.
        var prefix = ContinuingSubwordPrefix.Length;
        var scratch = new char[prefix + word.Length];
        ContinuingSubwordPrefix.CopyTo(scratch);
        var start = 0;
        while (start < word.Length)
        {
            var end = word.Length;
            var found = -1;
            while (end > start)
            {
                ReadOnlySpan<char> candidate;
                if (start == 0) candidate = word.AsSpan(0, end);
                else
                {
                    word.AsSpan(start, end - start).CopyTo(scratch.AsSpan(prefix));
                    candidate = scratch.AsSpan(0, prefix + end - start);
                }
                if (Vocabulary.TryGetId(candidate, out found)) break;
                found = -1;
                // Step back a whole character, never into the middle of a surrogate pair.
                end -= char.IsLowSurrogate(word[end - 1]) && end - 2 >= start ? 2 : 1;
            }
            if (found < 0)
            {
                // One unmatchable stretch makes the whole word unknown, as in BERT.
                ids.RemoveRange(firstPiece, ids.Count - firstPiece);
                ids.Add(Vocabulary.UnknownId);
                return;
            }
            ids.Add(found);
            start = end;
        }
    }
}
