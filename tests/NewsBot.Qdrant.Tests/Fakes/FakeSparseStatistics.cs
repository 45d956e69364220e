namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// The statistics behind <c>modifier: idf</c> for one sparse vector name, kept up to date on every write: N, the number
/// of points holding this sparse vector (the inverted index's <c>vector_count</c>), and df, per index, the number of
/// those whose vector has it (posting list length). Qdrant's formula is <c>fancy_idf</c> in
/// lib/segment/src/data_types/query_context.rs: <c>ln((N - df + 0.5) / (df + 0.5) + 1)</c> in single precision, the
/// query's weight for that index multiplied by it (<c>remap_idf_weights</c>).
/// </summary>
internal sealed class FakeSparseStatistics
{
    private readonly Dictionary<uint, int> _documentFrequency = [];

    public int VectorCount { get; private set; }

    public void Add(FakeSparseVector vector)
    {
        VectorCount++;
        foreach (var index in vector.Indices)
        {
            _documentFrequency[index] = _documentFrequency.GetValueOrDefault(index) + 1;
        }
    }

    public void Remove(FakeSparseVector vector)
    {
        VectorCount--;
        foreach (var index in vector.Indices)
        {
            var remaining = _documentFrequency.GetValueOrDefault(index) - 1;
            if (remaining <= 0)
            {
                _documentFrequency.Remove(index);
            }
            else
            {
                _documentFrequency[index] = remaining;
            }
        }
    }

    public float Idf(uint index)
    {
        float n = VectorCount;
        float df = _documentFrequency.GetValueOrDefault(index);
        return MathF.Log((n - df + 0.5f) / (df + 0.5f) + 1f);
    }

    /// <summary>The query with each weight multiplied by its index's IDF.</summary>
    public FakeSparseVector Reweight(FakeSparseVector query)
    {
        var values = new float[query.Values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = query.Values[i] * Idf(query.Indices[i]);
        }
        return new FakeSparseVector(query.Indices, values);
    }
}
