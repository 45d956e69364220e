using Microsoft.AspNetCore.Http;

namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// What an endpoint answers: usually a <c>result</c> for Qdrant's envelope (<c>{"result", "status": "ok", "time"}</c>),
/// else raw JSON (<c>GET /</c>) or plain text (health probes).
/// </summary>
internal sealed record FakeApiReply(JsonNode? Result, JsonNode? RawJson = null, string? Text = null)
{
    public static FakeApiReply Ok(JsonNode? result) => new(result);

    public static FakeApiReply Raw(JsonNode json) => new(null, RawJson: json);

    public static FakeApiReply PlainText(string text) => new(null, Text: text);
}

/// <summary>A request as the endpoints see it: path segments, parsed body, and the query string.</summary>
internal sealed record FakeApiRequest(string Method, IReadOnlyList<string> Segments, JsonNode? Body, IQueryCollection Query)
{
    /// <summary>The JSON body as an object; a missing body fails as serde fails on an empty input.</summary>
    public JsonObject BodyObject => Body switch
    {
        null => throw FakeQdrantErrors.FormatError("EOF while parsing a value at line 1 column 0"),
        JsonObject obj => obj,
        _ => throw FakeJson.TypeError(Body, "a map"),
    };

    /// <summary><c>?wait=true</c>: the fake always applies writes before answering; the flag only changes the status reported.</summary>
    public bool Wait => bool.TryParse(Query["wait"].ToString(), out var wait) && wait;
}
