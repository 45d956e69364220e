using NewsBot.Index.Dense;

namespace NewsBot.Index.Sqlite.Tests.Dense;

/// <summary>Exact top-k against a brute-force reference, and the int8 copy's recall against exact.</summary>
public class VectorMatrixTests
{
    [Theory]
    [InlineData(1, 50, 5)]
    [InlineData(7, 300, 10)]
    [InlineData(16, 257, 1)]
    [InlineData(33, 1000, 25)]
    [InlineData(384, 500, 10)]
    [InlineData(515, 200, 200)]
    public void Exact_search_returns_the_brute_force_top_k(int dimensions, int rows, int k)
    {
        var random = new Random(dimensions * 31 + rows);
        var data = RandomVectors(random, rows, dimensions);
        var reference = data.ToArray();
        var matrix = new VectorMatrix(data, dimensions);

        for (var q = 0; q < 5; q++)
        {
            var query = RandomVectors(random, 1, dimensions);
            var expected = BruteForce(reference, dimensions, query, k, _ => true);
            var actual = matrix.Search(query, k);

            Assert.Equal(expected.Select(e => e.Row), actual.Select(a => a.Row));
            for (var i = 0; i < actual.Length; i++) Assert.Equal(expected[i].Score, actual[i].Score, 1e-4f);
        }
    }

    [Fact]
    public void A_mask_restricts_the_search_to_its_rows()
    {
        var random = new Random(7);
        var data = RandomVectors(random, 500, 24);
        var reference = data.ToArray();
        var matrix = new VectorMatrix(data, 24);
        var mask = RowMask.Where(500, row => row % 3 == 0);
        var query = RandomVectors(random, 1, 24);

        var actual = matrix.Search(query, 20, mask);

        Assert.Equal(BruteForce(reference, 24, query, 20, row => row % 3 == 0).Select(e => e.Row), actual.Select(a => a.Row));
    }

    [Fact]
    public void Asking_for_more_rows_than_there_are_returns_them_all_best_first()
    {
        var matrix = new VectorMatrix([1, 0, 0, 1, 1, 1], 2);
        var hits = matrix.Search([1, 0], 10);
        Assert.Equal([0, 2, 1], hits.Select(h => h.Row));
        Assert.Equal(1f, hits[0].Score, 1e-6f);
    }

    [Fact]
    public void Rows_are_unit_length_and_a_zero_row_scores_zero()
    {
        var matrix = new VectorMatrix([3, 4, 0, 0], 2);
        Assert.Equal([0.6f, 0.8f], matrix.Row(0).ToArray());
        Assert.Equal(0f, matrix.Search([1, 1], 2).Single(h => h.Row == 1).Score);
    }

    [Theory]
    [InlineData(64, 4)]
    [InlineData(384, 4)]
    [InlineData(100, 8)]
    public void Int8_search_re_scored_finds_nearly_all_of_the_exact_top_k(int dimensions, int oversample)
    {
        var random = new Random(dimensions);
        var matrix = new VectorMatrix(RandomVectors(random, 3000, dimensions), dimensions);
        var int8 = new Int8Matrix(matrix);
        const int k = 10;
        double found = 0, wanted = 0;
        for (var q = 0; q < 20; q++)
        {
            var query = RandomVectors(random, 1, dimensions);
            var exact = matrix.Search(query, k).Select(h => h.Row).ToHashSet();
            var approximate = int8.Search(query, k, oversample);
            found += approximate.Count(h => exact.Contains(h.Row));
            wanted += k;
            // Scores of what it returns are exact.
            var q2 = matrix.NormalizedCopy(query);
            foreach (var hit in approximate) Assert.Equal(matrix.Score(q2, hit.Row), hit.Score, 1e-6f);
        }
        Assert.True(found / wanted >= 0.95, $"recall {found / wanted:P1}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(47)]
    [InlineData(512)]
    public void The_int8_dot_product_is_exact_for_any_length(int length)
    {
        var random = new Random(length);
        var a = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var b = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        Assert.Equal(a.Zip(b, (x, y) => x * y).Sum(), Int8Matrix.Dot(a, b));
    }

    internal static float[] RandomVectors(Random random, int rows, int dimensions)
    {
        var data = new float[rows * dimensions];
        for (var i = 0; i < data.Length; i++)
        {
            // Box-Muller: Gaussian components, so directions are uniform.
            var u = 1 - random.NextDouble();
            data[i] = (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }
        return data;
    }

    /// <summary>The reference: normalise, score every row in double precision, sort (ties: lower row first).</summary>
    private static (int Row, float Score)[] BruteForce(float[] data, int dimensions, float[] query, int k, Func<int, bool> include)
    {
        var qn = Math.Sqrt(query.Sum(x => (double)x * x));
        return Enumerable.Range(0, data.Length / dimensions).Where(include).Select(row =>
        {
            double dot = 0, norm = 0;
            for (var i = 0; i < dimensions; i++)
            {
                dot += (double)data[row * dimensions + i] * query[i];
                norm += (double)data[row * dimensions + i] * data[row * dimensions + i];
            }
            return (Row: row, Score: (float)(norm == 0 ? 0 : dot / Math.Sqrt(norm) / qn));
        }).OrderByDescending(x => x.Score).ThenBy(x => x.Row).Take(k).ToArray();
    }
}
