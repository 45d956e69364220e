namespace NewsBot.Embeddings.Bert;

/// <summary>
/// Token ids of several texts as BERT takes them: row-major [batch, sequence] int64 tensors, every row padded to the
/// longest, with the attention mask marking real tokens (1) from padding (0).
/// </summary>
public sealed class BertBatch
{
    internal BertBatch(int size, int sequenceLength, long[] inputIds, long[] attentionMask, int[] lengths)
    {
        Size = size;
        SequenceLength = sequenceLength;
        InputIds = inputIds;
        AttentionMask = attentionMask;
        Lengths = lengths;
        TokenTypeIds = new long[inputIds.Length];
    }

    public int Size { get; }
    public int SequenceLength { get; }
    public long[] InputIds { get; }
    public long[] AttentionMask { get; }

    /// <summary>All zeros: every text is a single segment ("sentence A").</summary>
    public long[] TokenTypeIds { get; }

    /// <summary>The number of real tokens (specials included) in each row.</summary>
    public IReadOnlyList<int> Lengths { get; }

    public long[] Shape => [Size, SequenceLength];

    public ReadOnlySpan<long> Row(int index) => InputIds.AsSpan(index * SequenceLength, Lengths[index]);
}
