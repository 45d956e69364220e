using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace NewsBot.Teams.Tests.Manifest;

/// <summary>
/// A PNG file read back the long way, independently of the encoder: every chunk's CRC checked (bit by bit, not with
/// the encoder's table), IHDR read, the IDAT stream inflated and its scanlines unfiltered into RGBA pixels.
/// Only what the icons use is supported: 8-bit RGBA, no interlace.
/// </summary>
public sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private PngImage(int width, int height, byte[] pixels, IReadOnlyList<string> chunkTypes) =>
        (Width, Height, Pixels, ChunkTypes) = (width, height, pixels, chunkTypes);

    public int Width { get; }
    public int Height { get; }
    /// <summary>RGBA, row after row.</summary>
    public byte[] Pixels { get; }
    public IReadOnlyList<string> ChunkTypes { get; }

    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * 4;
            return (Pixels[i], Pixels[i + 1], Pixels[i + 2], Pixels[i + 3]);
        }
    }

    public IEnumerable<(byte R, byte G, byte B, byte A)> AllPixels()
    {
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
                yield return this[x, y];
    }

    public static PngImage Decode(byte[] file)
    {
        if (file.Length < 8 || !file.AsSpan(0, 8).SequenceEqual(Signature)) throw new InvalidDataException("no PNG signature");
        var types = new List<string>();
        byte[]? header = null;
        using var idat = new MemoryStream();
        for (var at = 8; at < file.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
            var typeAndData = file.AsSpan(at + 4, 4 + length);
            var type = Encoding.ASCII.GetString(typeAndData[..4]);
            var stored = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 8 + length));
            if (stored != BitwiseCrc32(typeAndData)) throw new InvalidDataException($"{type} chunk has a wrong CRC");
            types.Add(type);
            if (type == "IHDR") header = typeAndData[4..].ToArray();
            if (type == "IDAT") idat.Write(typeAndData[4..]);
            at += 12 + length;
        }
        if (types is not ["IHDR", .., "IEND"] || header is null) throw new InvalidDataException("chunks must run from IHDR to IEND: " + string.Join(",", types));
        var width = BinaryPrimitives.ReadInt32BigEndian(header);
        var height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        if (header[8] != 8 || header[9] != 6 || header[12] != 0) throw new InvalidDataException("expected 8-bit RGBA without interlace");

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        return new PngImage(width, height, Unfilter(inflated.ToArray(), width, height), types);
    }

    private static byte[] Unfilter(byte[] scanlines, int width, int height)
    {
        const int bpp = 4;
        var stride = width * bpp;
        if (scanlines.Length != height * (stride + 1)) throw new InvalidDataException($"image data is {scanlines.Length} bytes, expected {height * (stride + 1)}");
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = scanlines[y * (stride + 1)];
            for (var i = 0; i < stride; i++)
            {
                int raw = scanlines[y * (stride + 1) + 1 + i];
                int left = i >= bpp ? pixels[y * stride + i - bpp] : 0;
                int up = y > 0 ? pixels[(y - 1) * stride + i] : 0;
                int upLeft = i >= bpp && y > 0 ? pixels[(y - 1) * stride + i - bpp] : 0;
                pixels[y * stride + i] = (byte)(filter switch
                {
                    0 => raw,
                    1 => raw + left,
                    2 => raw + up,
                    3 => raw + (left + up) / 2,
                    4 => raw + Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"row {y} has unknown filter type {filter}"),
                });
            }
        }
        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static uint BitwiseCrc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
