using System.Text;

namespace NewsBot.Onnx.Tests.Models;

/// <summary>Just enough of the protobuf wire format to write ONNX models: varints and length-delimited fields.</summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    public ProtoWriter Varint(int field, long value)
    {
        Tag(field, wireType: 0);
        WriteVarint((ulong)value);
        return this;
    }

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> bytes)
    {
        Tag(field, wireType: 2);
        WriteVarint((ulong)bytes.Length);
        _buffer.Write(bytes);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    /// <summary>Appends fields already written elsewhere (repeated fields collected apart).</summary>
    public ProtoWriter Raw(ProtoWriter fields)
    {
        _buffer.Write(fields.ToArray());
        return this;
    }

    public byte[] ToArray() => _buffer.ToArray();

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

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
