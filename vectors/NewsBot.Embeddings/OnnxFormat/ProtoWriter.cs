using System.Buffers.Binary;
using System.Text;

namespace NewsBot.Embeddings.OnnxFormat;

/// <summary>
/// The few protobuf wire-format primitives the ONNX messages need: varints, length-delimited fields and
/// fixed 32-bit floats. Nested messages are written to their own writer first, because protobuf prefixes
/// them with their length.
/// </summary>
internal sealed class ProtoWriter
{
    private const int Varint = 0, Fixed32 = 5, LengthDelimited = 2;
    private readonly MemoryStream _buffer = new();

    public long Length => _buffer.Length;

    public ProtoWriter Int(int field, long value)
    {
        Key(field, Varint);
        WriteVarint((ulong)value);
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        Key(field, Fixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Key(field, LengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    public ProtoWriter Message(int field, ProtoWriter message)
    {
        Key(field, LengthDelimited);
        WriteVarint((ulong)message._buffer.Length);
        message._buffer.Position = 0;
        message._buffer.CopyTo(_buffer);
        return this;
    }

    public byte[] ToArray() => _buffer.ToArray();

    public void CopyTo(Stream destination)
    {
        _buffer.Position = 0;
        _buffer.CopyTo(destination);
    }

    private void Key(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
