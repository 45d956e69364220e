namespace NewsBot.Embeddings.Bert;

/// <summary>A WordPiece vocabulary: token ↔ id, and the ids of the special tokens BERT inputs are built with.</summary>
public sealed class WordPieceVocabulary
{
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanIds;
    private readonly string[] _tokens;

    public WordPieceVocabulary(IReadOnlyDictionary<string, int> ids, SpecialTokens? specialTokens = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0) throw new ArgumentException("The vocabulary is empty.", nameof(ids));
        _ids = new Dictionary<string, int>(ids, StringComparer.Ordinal);
        _spanIds = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _tokens = new string[ids.Values.Max() + 1];
        foreach (var (token, id) in ids)
        {
            if (id < 0) throw new ArgumentException($"Token '{token}' has a negative id.", nameof(ids));
            _tokens[id] = token;
        }
        Special = specialTokens ?? SpecialTokens.Bert;
        UnknownId = Require(Special.Unknown);
        ClsId = Require(Special.Cls);
        SepId = Require(Special.Sep);
        // Padding positions are masked out, so a vocabulary without a pad token can pad with any id.
        PadId = _ids.GetValueOrDefault(Special.Pad, 0);
    }

    /// <summary>A vocab.txt vocabulary: one token a line, the id of a token is its zero-based line number.</summary>
    public static WordPieceVocabulary FromLines(IEnumerable<string> lines, SpecialTokens? specialTokens = null)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var id = 0;
        foreach (var line in lines)
        {
            // Like BERT's load_vocab, a repeated token takes its last line's id (real vocabularies repeat none).
            ids[line.TrimEnd('\r', '\n')] = id;
            id++;
        }
        return new WordPieceVocabulary(ids, specialTokens);
    }

    public static WordPieceVocabulary FromFile(string vocabTxtPath, SpecialTokens? specialTokens = null) =>
        FromLines(File.ReadLines(vocabTxtPath), specialTokens);

    public SpecialTokens Special { get; }
    public int Count => _ids.Count;
    public int UnknownId { get; }
    public int ClsId { get; }
    public int SepId { get; }
    public int PadId { get; }

    public bool TryGetId(string token, out int id) => _ids.TryGetValue(token, out id);

    public bool TryGetId(ReadOnlySpan<char> token, out int id) => _spanIds.TryGetValue(token, out id);

    public int IdOf(string token) => _ids.TryGetValue(token, out var id) ? id : UnknownId;

    public string TokenOf(int id) =>
        (uint)id < (uint)_tokens.Length && _tokens[id] is { } token ? token : throw new ArgumentOutOfRangeException(nameof(id), id, "No token has this id.");

    private int Require(string token) =>
        _ids.TryGetValue(token, out var id) ? id : throw new InvalidDataException($"The vocabulary has no '{token}' token.");
}

/// <summary>The special tokens of a BERT vocabulary.</summary>
public sealed record SpecialTokens(string Unknown = "[UNK]", string Cls = "[CLS]", string Sep = "[SEP]", string Pad = "[PAD]")
{
    public static SpecialTokens Bert { get; } = new();
}
