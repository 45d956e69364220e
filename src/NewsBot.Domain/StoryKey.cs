using System.Security.Cryptography;
using System.Text;

namespace NewsBot.Domain;

/// <summary>
/// Identity of a story across documents. Two documents carry "the same story" when they link the same article
/// (normalised URL) or, without a link, when its normalised title and text are equal.
/// </summary>
public static class StoryKey
{
    public static string For(string? url, string title, string text)
    {
        var key = url is { Length: > 0 } && NormalizeUrl(url) is { } u ? "url:" + u : "text:" + Fold(title) + "\n" + Fold(text);
        return Hash(key);
    }

    /// <summary>Scheme, "www.", fragment, trailing slash and common tracking parameters do not change the article.</summary>
    public static string? NormalizeUrl(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            return null;
        var host = uri.Host.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal)) host = host[4..];
        var path = uri.AbsolutePath.TrimEnd('/');
        var query = string.Join('&', uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("ref=", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal));
        return query.Length == 0 ? host + path : host + path + "?" + query;
    }

    private static string Fold(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s.Normalize(NormalizationForm.FormKC))
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..16];
}
