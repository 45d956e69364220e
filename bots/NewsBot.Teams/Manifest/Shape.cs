namespace NewsBot.Teams.Manifest;

/// <summary>
/// A region of the unit square (x and y from 0 to 1, y downwards): true for the points inside it. Icons are drawn
/// from shapes so that one drawing serves every pixel size.
/// </summary>
internal delegate bool Shape(double x, double y);

internal static class Shapes
{
    public static Shape Rectangle(double left, double top, double right, double bottom) =>
        (x, y) => x >= left && x < right && y >= top && y < bottom;

    public static Shape RoundedRectangle(double left, double top, double right, double bottom, double radius) => (x, y) =>
    {
        if (x < left || x >= right || y < top || y >= bottom) return false;
        // Inside unless in a corner square and farther than the radius from that corner's circle centre.
        var dx = Math.Max(Math.Max(left + radius - x, x - (right - radius)), 0);
        var dy = Math.Max(Math.Max(top + radius - y, y - (bottom - radius)), 0);
        return dx * dx + dy * dy <= radius * radius;
    };

    public static Shape Triangle((double X, double Y) a, (double X, double Y) b, (double X, double Y) c) => (x, y) =>
    {
        var ab = Cross(a, b, x, y);
        var bc = Cross(b, c, x, y);
        var ca = Cross(c, a, x, y);
        return (ab >= 0 && bc >= 0 && ca >= 0) || (ab <= 0 && bc <= 0 && ca <= 0);
    };

    public static Shape Union(this Shape first, Shape second) => (x, y) => first(x, y) || second(x, y);

    public static Shape Except(this Shape shape, Shape hole) => (x, y) => shape(x, y) && !hole(x, y);

    /// <summary>The shape shrunk (or grown) about the centre of the square.</summary>
    public static Shape Scaled(this Shape shape, double factor) => (x, y) => shape(0.5 + (x - 0.5) / factor, 0.5 + (y - 0.5) / factor);

    private static double Cross((double X, double Y) from, (double X, double Y) to, double x, double y) =>
        (to.X - from.X) * (y - from.Y) - (to.Y - from.Y) * (x - from.X);
}
