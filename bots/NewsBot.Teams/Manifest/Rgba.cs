using System.Globalization;

namespace NewsBot.Teams.Manifest;

/// <summary>An 8-bit colour with straight (not premultiplied) alpha, as PNG stores it.</summary>
internal readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    public static readonly Rgba White = new(255, 255, 255);

    /// <summary>Reads an HTML colour of the form <c>#RRGGBB</c>, the form the manifest's accentColor takes.</summary>
    public static Rgba FromHex(string hex)
    {
        if (hex is not ['#', _, _, _, _, _, _] || !uint.TryParse(hex.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
            throw new FormatException($"\"{hex}\" is not a colour of the form #RRGGBB.");
        return new Rgba((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
    }
}
