namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>One method on one path of the document, and the body it takes (null: it takes none).</summary>
internal sealed record ApiOperation(string Method, PathTemplate Path, RequestBodySpec? RequestBody);

/// <summary>
/// An operation's <c>requestBody</c>. <see cref="JsonSchema"/> is null when the body is not <c>application/json</c>
/// (snapshot uploads are <c>multipart/form-data</c>).
/// </summary>
internal sealed record RequestBodySpec(bool Required, Schema? JsonSchema, IReadOnlyList<string> MediaTypes);
