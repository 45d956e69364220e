using Microsoft.AspNetCore.Http;

namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// Qdrant's API key check (src/common/auth/mod.rs <c>validate_request</c>, src/actix/auth.rs): the key is read from the
/// <c>api-key</c> header, else from <c>Authorization</c> after the exact prefix "Bearer "; none is a 401 "Must provide an
/// API key or an Authorization bearer token", a wrong one (with JWT off) a 401 "Invalid API key or JWT", both in plain
/// text. <c>/</c>, <c>/healthz</c>, <c>/readyz</c> and <c>/livez</c> are whitelisted (src/actix/mod.rs).
/// </summary>
internal static class FakeQdrantAuth
{
    public static bool IsWhitelisted(string path) => path is "/" or "/healthz" || path.StartsWith("/readyz", StringComparison.Ordinal) || path.StartsWith("/livez", StringComparison.Ordinal);

    /// <summary>The 401 message for this request, or null when it may pass.</summary>
    public static string? Reject(HttpRequest request, string apiKey)
    {
        var key = request.Headers["api-key"].FirstOrDefault();
        if (key is null)
        {
            var authorization = request.Headers.Authorization.FirstOrDefault();
            if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                key = authorization["Bearer ".Length..];
            }
        }
        if (key is null)
        {
            return "Must provide an API key or an Authorization bearer token";
        }
        return string.Equals(key, apiKey, StringComparison.Ordinal) ? null : "Invalid API key or JWT";
    }
}
