using System.Diagnostics;
using NewsBot.Index.Dense;

namespace NewsBot.Index.Sqlite.Tests.Dense;

/// <summary>
/// Not a check: prints exact vs int8 search times on a corpus-sized matrix, to choose the default precision on a
/// given machine. Run with <c>dotnet test --filter DenseSearchMeasurement --logger "console;verbosity=detailed"</c>.
/// </summary>
public class DenseSearchMeasurement(ITestOutputHelper output)
{
    [Theory]
    [InlineData(384)]
    [InlineData(512)]
    public void Exact_and_int8_search_times(int dimensions)
    {
        const int rows = 50_000, queries = 30, k = 20;
        var random = new Random(1);
        var matrix = new VectorMatrix(VectorMatrixTests.RandomVectors(random, rows, dimensions), dimensions);
        var int8 = new Int8Matrix(matrix);
        var probes = Enumerable.Range(0, queries).Select(_ => VectorMatrixTests.RandomVectors(random, 1, dimensions)).ToList();
        matrix.Search(probes[0], k);
        int8.Search(probes[0], k);

        var exactClock = Stopwatch.StartNew();
        var exact = probes.Select(q => matrix.Search(q, k)).ToList();
        exactClock.Stop();
        var int8Clock = Stopwatch.StartNew();
        var approximate = probes.Select(q => int8.Search(q, k, oversample: 4)).ToList();
        int8Clock.Stop();

        var recall = exact.Zip(approximate, (e, a) => a.Count(h => e.Any(x => x.Row == h.Row)) / (double)k).Average();
        output.WriteLine($"{rows} rows × {dimensions}: exact {exactClock.Elapsed.TotalMilliseconds / queries:0.00} ms/query, " +
                         $"int8 {int8Clock.Elapsed.TotalMilliseconds / queries:0.00} ms/query, int8 recall@{k} {recall:P1}");
    }
}
