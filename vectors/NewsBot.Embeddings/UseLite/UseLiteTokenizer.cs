using System.Text;
using System.Text.Json;

namespace NewsBot.Embeddings.UseLite;

/// <summary>
/// USE-Lite's SentencePiece-style tokenizer: NFKC, "▁" as the word separator, then the segmentation with the best
/// total score over the vocabulary's pieces; runs of unknown characters merge into one unknown id (0).
/// </summary>
/// <remarks>
/// A port of the reference tokenizer of @energetic-ai/embeddings, quirks included, because the model was trained
/// on its ids: a null score counts as 0, an unknown character scores 0 (no penalty), and the Viterbi step keeps
/// the later start on ties and treats a best score of exactly 0 as "not set yet". A textbook Viterbi differs from
/// the reference on about 7% of random strings. NFKC needs ICU, so this must not run with invariant globalization.
/// </remarks>
public sealed class UseLiteTokenizer
{
    public const int UnknownId = 0;
    private const int ReservedIds = 6;
    private const char Separator = '\u2581';

    private readonly Dictionary<string, (int Id, double Score)> _pieces;
    private readonly Dictionary<string, (int Id, double Score)>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int[] _pieceLength;
    private readonly int _maxPieceLength;

    private UseLiteTokenizer(Dictionary<string, (int, double)> pieces, int[] pieceLength, int maxPieceLength)
    {
        _pieces = pieces;
        _lookup = pieces.GetAlternateLookup<ReadOnlySpan<char>>();
        _pieceLength = pieceLength;
        _maxPieceLength = maxPieceLength;
    }

    public int VocabularySize => _pieceLength.Length;

    /// <summary>Loads <c>vocab.json</c>: an array of [piece, score] pairs whose index is the token id.</summary>
    public static UseLiteTokenizer Load(string vocabJsonPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(vocabJsonPath));
        var entries = json.RootElement.EnumerateArray().ToArray();
        var pieces = new Dictionary<string, (int, double)>(entries.Length, StringComparer.Ordinal);
        var lengths = new int[entries.Length];
        var maxLength = 0;
        for (var id = 0; id < entries.Length; id++)
        {
            var piece = entries[id][0].GetString() ?? throw new InvalidDataException($"vocab.json entry {id} has no piece.");
            var score = entries[id][1].ValueKind == JsonValueKind.Null ? 0.0 : entries[id][1].GetDouble();
            lengths[id] = piece.EnumerateRunes().Count();
            if (id < ReservedIds) continue;
            pieces[piece] = (id, score); // a duplicated piece keeps its last id, as the reference's trie does
            maxLength = Math.Max(maxLength, lengths[id]);
        }
        if (entries.Length <= ReservedIds) throw new InvalidDataException("vocab.json holds no pieces.");
        return new UseLiteTokenizer(pieces, lengths, maxLength);
    }

    // .NET's NFKC rejects a lone surrogate, which JavaScript keeps as an unknown symbol. U+FFFD is never a piece
    // (it is reserved id 0), so it tokenizes to the same unknown id.
    private static string WithoutLoneSurrogates(string text)
    {
        if (!text.Any(char.IsSurrogate)) return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (char.IsSurrogate(chars[i])) chars[i] = '\uFFFD';
        }
        return new string(chars);
    }

    /// <summary>The token ids of <paramref name="text"/>, all of them (the model reads the first 128).</summary>
    public int[] Encode(string text)
    {
        var normalized = WithoutLoneSurrogates(text).Normalize(NormalizationForm.FormKC);
        if (normalized.Length == 0) return [];
        var s = Separator + normalized.Replace(' ', Separator);

        // Symbols are code points; a lone surrogate stays one symbol, as in JavaScript's for…of.
        var starts = new List<int>(s.Length + 1);
        for (var i = 0; i < s.Length; i++)
        {
            starts.Add(i);
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
        }
        var n = starts.Count;
        starts.Add(s.Length);

        var best = new double[n + 1];
        var words = new int[n + 1];
        // Forward over starts: every candidate ending at `start` begins earlier, so best[start] is final here, and
        // each end sees its candidates in ascending start order, which is the order the reference visits them.
        for (var start = 0; start < n; start++)
        {
            var found = false;
            for (var length = 1; length <= _maxPieceLength && start + length <= n; length++)
            {
                var span = s.AsSpan(starts[start], starts[start + length] - starts[start]);
                if (!_lookup.TryGetValue(span, out var piece)) continue;
                Consider(start + length, start, piece.Score, piece.Id);
                found = true;
            }
            if (!found) Consider(start + 1, start, 0.0, UnknownId);
        }

        void Consider(int end, int start, double score, int id)
        {
            var total = score + best[start];
            if (best[end] == 0 || total >= best[end])
            {
                best[end] = total;
                words[end] = id;
            }
        }

        var reversed = new List<int>();
        for (var at = n; at > 0; at -= _pieceLength[words[at]]) reversed.Add(words[at]);
        var ids = new List<int>(reversed.Count);
        var previousUnknown = false;
        for (var i = reversed.Count - 1; i >= 0; i--)
        {
            // The reference drops an unknown that follows an unknown in backtrack order; same runs, either direction.
            var id = reversed[i];
            var unknown = id == UnknownId;
            if (!(unknown && previousUnknown)) ids.Add(id);
            previousUnknown = unknown;
        }
        return [.. ids];
    }
}
