using System.Numerics;

namespace NewsBot.Index.Dense;

/// <summary>Which rows of a matrix a search may return: a bitset, so a filter costs one bit test per row.</summary>
public sealed class RowMask
{
    private readonly ulong[] _bits;

    public RowMask(int rows)
    {
        Rows = rows;
        _bits = new ulong[(rows + 63) / 64];
    }

    public int Rows { get; }

    public bool this[int row]
    {
        get => (_bits[row >> 6] & (1UL << row)) != 0;
        set
        {
            if (value) _bits[row >> 6] |= 1UL << row;
            else _bits[row >> 6] &= ~(1UL << row);
        }
    }

    public int Count
    {
        get
        {
            var count = 0;
            foreach (var word in _bits) count += BitOperations.PopCount(word);
            return count;
        }
    }

    public static RowMask Where(int rows, Func<int, bool> include)
    {
        var mask = new RowMask(rows);
        for (var row = 0; row < rows; row++)
            if (include(row)) mask[row] = true;
        return mask;
    }
}
