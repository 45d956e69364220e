namespace NewsBot.Teams.Manifest;

/// <summary>
/// The NewsBot mark, a speech bubble holding a headline and two lines of text (a conversation about the news), as the
/// two icons a Teams app needs: the colour icon and the white-on-transparent outline icon.
/// </summary>
internal static class NewsBotIcons
{
    public const int ColorSize = 192;
    public const int OutlineSize = 32;

    // The mark is laid out on a 32-unit grid so that the outline icon's edges fall on whole pixels at 32 x 32,
    // where a blurred half-pixel edge would show most.
    private static double Grid(double units) => units / 32;

    private static readonly Shape Bubble = Shapes.RoundedRectangle(Grid(4), Grid(4), Grid(28), Grid(25), Grid(4))
        .Union(Shapes.Triangle((Grid(8), Grid(24)), (Grid(14), Grid(24)), (Grid(7), Grid(29.5))));

    private static readonly Shape BubbleInside = Shapes.RoundedRectangle(Grid(6), Grid(6), Grid(26), Grid(23), Grid(2));

    private static readonly Shape Headline = Shapes.Rectangle(Grid(9), Grid(9), Grid(23), Grid(12));

    private static readonly Shape TextLines = Shapes.Rectangle(Grid(9), Grid(14), Grid(23), Grid(16))
        .Union(Shapes.Rectangle(Grid(9), Grid(18), Grid(19), Grid(20)));

    // On the colour icon the mark sits inside a margin of the accent-coloured square, as Teams shows it on a tile.
    private const double ColorMarkScale = 0.8;

    /// <summary>192 x 192, opaque: a white bubble on the accent colour, its lines in the accent colour.</summary>
    public static RgbaImage Color(Rgba accent)
    {
        var image = new RgbaImage(ColorSize, ColorSize);
        image.Fill(accent);
        image.Paint(Rgba.White, Bubble.Scaled(ColorMarkScale));
        image.Paint(accent, Headline.Union(TextLines).Scaled(ColorMarkScale));
        return image;
    }

    /// <summary>32 x 32, white on transparent only (what Teams requires of an outline icon): the bubble's outline and its lines.</summary>
    public static RgbaImage Outline()
    {
        var image = new RgbaImage(OutlineSize, OutlineSize);
        image.Paint(Rgba.White, Bubble.Except(BubbleInside).Union(Headline).Union(TextLines));
        return image;
    }
}
