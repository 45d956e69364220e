namespace NewsBot.Qdrant.Tests.Live;

/// <summary>
/// A test against a real Qdrant: it runs only when <c>QDRANT_URL</c> is set (with <c>QDRANT_API_KEY</c> when the server
/// has one), and is skipped otherwise, saying how to run it. README, "Qdrant", has a docker compose file for one.
/// </summary>
public sealed class LiveQdrantFactAttribute : FactAttribute
{
    public static string? Url => Environment.GetEnvironmentVariable("QDRANT_URL") is { Length: > 0 } url ? url : null;
    public static string? ApiKey => Environment.GetEnvironmentVariable("QDRANT_API_KEY") is { Length: > 0 } key ? key : null;

    public LiveQdrantFactAttribute()
    {
        if (Url is null) Skip = "a real Qdrant is needed: set QDRANT_URL (e.g. http://localhost:6333) and QDRANT_API_KEY; see README, Qdrant";
    }
}
