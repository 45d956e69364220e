using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace NewsBot.Teams.Manifest;

/// <summary>Writes an <see cref="RgbaImage"/> as a PNG file: signature, IHDR, one IDAT, IEND.</summary>
internal static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private const byte BitDepth = 8;
    private const byte ColourTypeRgba = 6;
    private const byte FilterNone = 0;

    public static byte[] Encode(RgbaImage image)
    {
        using var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR", Header(image));
        WriteChunk(png, "IDAT", CompressedScanlines(image));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] Header(RgbaImage image)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), image.Height);
        header[8] = BitDepth;
        header[9] = ColourTypeRgba;
        // Bytes 10-12 stay 0: deflate compression, adaptive filtering method 0, no interlace.
        return header;
    }

    private static byte[] CompressedScanlines(RgbaImage image)
    {
        var stride = image.Width * 4;
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            for (var y = 0; y < image.Height; y++)
            {
                // Flat-coloured icons deflate to a few hundred bytes without prediction filters; None keeps it simple.
                zlib.WriteByte(FilterNone);
                zlib.Write(image.Pixels, y * stride, stride);
            }
        return compressed.ToArray();
    }

    private static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        // The CRC covers the chunk type and its data, not the length.
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData.AsSpan(4));
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(typeAndData));
        png.Write(word);
    }
}
