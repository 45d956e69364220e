using NewsBot.Qdrant.Tests.OpenApi;

namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>How a <see cref="FakeQdrant"/> behaves beyond Qdrant's defaults.</summary>
public sealed class FakeQdrantOptions
{
    /// <summary>
    /// When set, every request except <c>/</c>, <c>/healthz</c>, <c>/livez</c> and <c>/readyz</c> (Qdrant's own whitelist,
    /// src/actix/mod.rs) must carry <c>api-key: &lt;key&gt;</c> or <c>Authorization: Bearer &lt;key&gt;</c>, else the fake
    /// answers 401 in plain text as Qdrant does.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>Every request's body is passed to it before processing; what it reports is a 400 format error.</summary>
    public IRequestBodyValidator? Validator { get; init; }
}
