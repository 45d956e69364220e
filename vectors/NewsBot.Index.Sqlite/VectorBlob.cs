using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NewsBot.Index.Sqlite;

/// <summary>How a vector is stored: its float32 components, little-endian, back to back.</summary>
internal static class VectorBlob
{
    public static byte[] ToBytes(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        if (BitConverter.IsLittleEndian)
            MemoryMarshal.AsBytes(vector).CopyTo(bytes);
        else
            for (var i = 0; i < vector.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        return bytes;
    }

    /// <summary>Reads a blob of <paramref name="target"/>'s length into it.</summary>
    public static void Read(ReadOnlySpan<byte> blob, Span<float> target)
    {
        if (blob.Length != target.Length * sizeof(float))
            throw new InvalidDataException($"A stored vector has {blob.Length} bytes; {target.Length} dimensions need {target.Length * sizeof(float)}.");
        if (BitConverter.IsLittleEndian)
            blob.CopyTo(MemoryMarshal.AsBytes(target));
        else
            for (var i = 0; i < target.Length; i++) target[i] = BinaryPrimitives.ReadSingleLittleEndian(blob[(i * sizeof(float))..]);
    }

    public static float[] FromBytes(byte[] blob)
    {
        var vector = new float[blob.Length / sizeof(float)];
        Read(blob, vector);
        return vector;
    }
}
