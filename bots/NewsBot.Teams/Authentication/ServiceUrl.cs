namespace NewsBot.Teams.Authentication;

internal static class ServiceUrl
{
    /// <summary>
    /// Whether two service URLs name the same endpoint: scheme and host compare case-insensitively (as URLs do),
    /// the path exactly, and a trailing slash is ignored, since the connector writes the URL with one and tokens may not.
    /// </summary>
    public static bool Same(string? a, string? b) => Normalize(a) is { } left && left == Normalize(b);

    private static string? Normalize(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority) + uri.AbsolutePath.TrimEnd('/') + uri.Query
            : null;
}
