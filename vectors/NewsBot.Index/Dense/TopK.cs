namespace NewsBot.Index.Dense;

/// <summary>
/// The k best of a stream of scored rows, in a bounded min-heap: O(n log k), no allocation per candidate.
/// Ties go to the lower row, so results are deterministic and match a stable sort.
/// </summary>
internal sealed class TopK
{
    private readonly ScoredRow[] _heap;
    private int _count;

    public TopK(int k) => _heap = new ScoredRow[Math.Max(k, 0)];

    public int Capacity => _heap.Length;

    /// <summary>The worst score kept, once full: anything not above it cannot enter.</summary>
    public bool IsFull => _count == _heap.Length;

    public float Threshold => _count == 0 ? float.NegativeInfinity : _heap[0].Score;

    public void Offer(int row, float score)
    {
        if (_heap.Length == 0) return;
        var candidate = new ScoredRow(row, score);
        if (_count < _heap.Length)
        {
            _heap[_count] = candidate;
            SiftUp(_count++);
        }
        else if (Better(candidate, _heap[0]))
        {
            _heap[0] = candidate;
            SiftDown(0);
        }
    }

    /// <summary>The kept rows, best first.</summary>
    public ScoredRow[] ToSortedArray()
    {
        var result = _heap.AsSpan(0, _count).ToArray();
        Array.Sort(result, static (a, b) => Better(a, b) ? -1 : Better(b, a) ? 1 : 0);
        return result;
    }

    private static bool Better(ScoredRow a, ScoredRow b) => a.Score > b.Score || (a.Score == b.Score && a.Row < b.Row);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(_heap[parent], _heap[i])) break;
            (_heap[parent], _heap[i]) = (_heap[i], _heap[parent]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var worst = i;
            var left = 2 * i + 1;
            var right = left + 1;
            if (left < _count && Better(_heap[worst], _heap[left])) worst = left;
            if (right < _count && Better(_heap[worst], _heap[right])) worst = right;
            if (worst == i) return;
            (_heap[worst], _heap[i]) = (_heap[i], _heap[worst]);
            i = worst;
        }
    }
}
