using System.Text;
using NewsBot.Index.Lexical;
using NewsBot.Qdrant.Api;

namespace NewsBot.Qdrant.Sparse;

/// <summary>
/// BM25 as sparse vectors, for Qdrant's <c>idf</c> modifier: a passage's vector holds BM25's saturated term
/// frequency for each of its terms, and the query's holds each query term once, so Qdrant's dot product with its
/// IDF applied is the BM25 score. Terms come from <see cref="LexicalAnalyzer"/> (the embedded store's
/// tokenisation and Porter stemming), and the title counts <c>titleWeight</c> times a body word, as in FTS5's
/// <c>bm25()</c> with column weights.
/// </summary>
/// <remarks>
/// BM25 normalises by the collection's average length, which a client cannot know when it writes one passage
/// without rewriting every other. It is fixed instead: <see cref="CorpusAverageTerms"/>, measured on the shared
/// corpus (as Qdrant's own BM25 inference fixes its <c>avg_len</c>). Scores differ from FTS5's by that and by
/// Qdrant's IDF (<c>ln(1 + (N − n + 0.5)/(n + 0.5))</c>, never negative), not by ranking logic.
/// </remarks>
public sealed class Bm25SparseEncoder(double titleWeight = 2.5, double averageTerms = Bm25SparseEncoder.CorpusAverageTerms)
{
    // FTS5's bm25() constants (fts5_aux.c), as the embedded store ranks with.
    public const double K1 = 1.2, B = 0.75;

    /// <summary>Analysed terms (title and body) per canonical passage of the shared corpus: 33.9.</summary>
    public const double CorpusAverageTerms = 34;

    public double TitleWeight => titleWeight;
    public double AverageTerms => averageTerms;

    /// <summary>The passage's sparse vector, and its distinct terms (for the <c>terms</c> payload that document frequencies are counted on).</summary>
    public (SparseVector Vector, List<string> Terms) Encode(string title, string text)
    {
        var titleTerms = LexicalAnalyzer.Analyze(title);
        var bodyTerms = LexicalAnalyzer.Analyze(text);
        var frequency = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var term in titleTerms) frequency[term] = frequency.GetValueOrDefault(term) + titleWeight;
        foreach (var term in bodyTerms) frequency[term] = frequency.GetValueOrDefault(term) + 1.0;
        var length = titleTerms.Count + bodyTerms.Count;
        var norm = K1 * (1 - B + B * length / averageTerms);
        var weights = new SortedDictionary<uint, float>();
        foreach (var (term, f) in frequency)
        {
            var id = TermId(term);
            // Two terms on one id (a 32-bit hash collision, about one in this corpus's vocabulary) add up, as Qdrant would.
            weights[id] = weights.GetValueOrDefault(id) + (float)(f * (K1 + 1) / (f + norm));
        }
        return (new SparseVector(weights.Keys.ToArray(), weights.Values.ToArray()), frequency.Keys.ToList());
    }

    /// <summary>The query's sparse vector: each distinct term once, as the embedded store's keyword search counts it.</summary>
    public static SparseVector EncodeQuery(IEnumerable<string> terms)
    {
        var ids = terms.Where(t => !string.IsNullOrWhiteSpace(t)).Select(TermId).Distinct().Order().ToArray();
        return new SparseVector(ids, Enumerable.Repeat(1f, ids.Length).ToArray());
    }

    /// <summary>A term's dimension: FNV-1a (32 bits) of its UTF-8 bytes; stable across processes and versions, unlike string.GetHashCode.</summary>
    public static uint TermId(string term)
    {
        var hash = 2166136261u;
        Span<byte> buffer = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(term.Length, 64))];
        var bytes = term.Length <= 64 ? buffer[..Encoding.UTF8.GetBytes(term, buffer)] : Encoding.UTF8.GetBytes(term);
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash;
    }
}
