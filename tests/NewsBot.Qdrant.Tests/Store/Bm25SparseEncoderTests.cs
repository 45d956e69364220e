using NewsBot.Index.Lexical;
using NewsBot.Qdrant.Sparse;

namespace NewsBot.Qdrant.Tests.Store;

public sealed class Bm25SparseEncoderTests
{
    [Fact]
    public void Term_ids_are_32_bit_FNV_1a_of_the_UTF_8_bytes()
    {
        Assert.Equal(0xe40c292cu, Bm25SparseEncoder.TermId("a"));
        Assert.Equal(0x811c9dc5u, Bm25SparseEncoder.TermId(""));
        Assert.Equal(Bm25SparseEncoder.TermId("ünïcode"), Bm25SparseEncoder.TermId("ünïcode"));
        Assert.NotEqual(Bm25SparseEncoder.TermId("nvidia"), Bm25SparseEncoder.TermId("nvidiа")); // Cyrillic а
        var longTerm = new string('x', 200);
        Assert.Equal(Bm25SparseEncoder.TermId(longTerm), Bm25SparseEncoder.TermId(new string('x', 200)));
    }

    [Fact]
    public void A_passage_holds_BM25_saturated_frequencies_with_the_title_weighted()
    {
        var encoder = new Bm25SparseEncoder(titleWeight: 2.5, averageTerms: 4);
        var (vector, terms) = encoder.Encode("Nvidia chips", "Nvidia sells chips. Nvidia grows.");
        // Analysed: title [nvidia, chip], body [nvidia, sell, chip, nvidia, grow]: 7 terms.
        Assert.Equal(["nvidia", "chip", "sell", "grow"], terms);
        var norm = Bm25SparseEncoder.K1 * (1 - Bm25SparseEncoder.B + Bm25SparseEncoder.B * 7 / 4.0);
        double Expected(double f) => f * (Bm25SparseEncoder.K1 + 1) / (f + norm);
        Assert.Equal(Expected(2.5 + 2), Value(vector, "nvidia"), 5);
        Assert.Equal(Expected(2.5 + 1), Value(vector, "chip"), 5);
        Assert.Equal(Expected(1), Value(vector, "sell"), 5);
        Assert.True(vector.Indices.Zip(vector.Indices.Skip(1)).All(p => p.First < p.Second), "indices sorted and unique");
        Assert.Equal(vector.Indices.Length, vector.Values.Length);
    }

    [Fact]
    public void Longer_passages_weigh_a_term_less_as_BM25_does()
    {
        var encoder = new Bm25SparseEncoder();
        var shortOne = encoder.Encode("Robots", "Robots sort parcels.").Vector;
        var longOne = encoder.Encode("Robots", "Robots sort parcels in warehouses across Europe while engineers watch dashboards and tune conveyor speeds.").Vector;
        Assert.True(Value(shortOne, "robot") > Value(longOne, "robot"));
    }

    [Fact]
    public void The_query_holds_each_analysed_term_once()
    {
        var query = Bm25SparseEncoder.EncodeQuery(LexicalAnalyzer.Analyze("chips chips Nvidia"));
        Assert.Equal(2, query.Indices.Length);
        Assert.All(query.Values, v => Assert.Equal(1f, v));
        Assert.Contains(Bm25SparseEncoder.TermId("nvidia"), query.Indices);
        Assert.Empty(Bm25SparseEncoder.EncodeQuery(["", " "]).Indices);
    }

    private static double Value(Api.SparseVector vector, string term) =>
        vector.Values[Array.IndexOf(vector.Indices, Bm25SparseEncoder.TermId(term))];
}
