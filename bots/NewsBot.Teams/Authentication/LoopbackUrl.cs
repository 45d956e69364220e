namespace NewsBot.Teams.Authentication;

internal static class LoopbackUrl
{
    /// <summary>True for an absolute http(s) URL whose host is this machine: localhost, 127.0.0.0/8 or ::1.</summary>
    public static bool IsLoopbackHttp(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.IsLoopback;
}
