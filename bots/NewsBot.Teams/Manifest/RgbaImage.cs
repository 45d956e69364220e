namespace NewsBot.Teams.Manifest;

/// <summary>A picture of 8-bit RGBA pixels, row after row, starting fully transparent.</summary>
internal sealed class RgbaImage
{
    // 4 x 4 sample points per pixel: 16 levels of coverage, enough for smooth edges on icons this small.
    private const int SamplesPerAxis = 4;

    public RgbaImage(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        (Width, Height) = (width, height);
        Pixels = new byte[width * height * 4];
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    public Rgba this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * 4;
            return new Rgba(Pixels[i], Pixels[i + 1], Pixels[i + 2], Pixels[i + 3]);
        }
        private set
        {
            var i = (y * Width + x) * 4;
            (Pixels[i], Pixels[i + 1], Pixels[i + 2], Pixels[i + 3]) = (value.R, value.G, value.B, value.A);
        }
    }

    public void Fill(Rgba colour)
    {
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
                this[x, y] = colour;
    }

    /// <summary>Paints <paramref name="colour"/> over the picture where <paramref name="shape"/> is, with antialiased edges.</summary>
    public void Paint(Rgba colour, Shape shape)
    {
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
            {
                var coverage = Coverage(shape, x, y);
                if (coverage > 0) this[x, y] = Over(colour, coverage, this[x, y]);
            }
    }

    private double Coverage(Shape shape, int x, int y)
    {
        var inside = 0;
        for (var sy = 0; sy < SamplesPerAxis; sy++)
            for (var sx = 0; sx < SamplesPerAxis; sx++)
                if (shape((x + (sx + 0.5) / SamplesPerAxis) / Width, (y + (sy + 0.5) / SamplesPerAxis) / Height)) inside++;
        return inside / (double)(SamplesPerAxis * SamplesPerAxis);
    }

    /// <summary>Porter-Duff "source over" in straight alpha: painting white on transparent stays pure white.</summary>
    private static Rgba Over(Rgba source, double coverage, Rgba destination)
    {
        var sa = source.A / 255.0 * coverage;
        var da = destination.A / 255.0;
        var a = sa + da * (1 - sa);
        byte Channel(byte s, byte d) => (byte)Math.Round((s * sa + d * da * (1 - sa)) / a);
        return new Rgba(Channel(source.R, destination.R), Channel(source.G, destination.G), Channel(source.B, destination.B), (byte)Math.Round(a * 255));
    }
}
