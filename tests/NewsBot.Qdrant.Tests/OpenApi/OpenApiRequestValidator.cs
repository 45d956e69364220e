using NewsBot.Testing;

namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>
/// Checks request bodies against an OpenAPI 3.0 description, by default Qdrant's. It handles the subset of JSON
/// Schema that description uses and fails to load a document that uses more. Immutable once loaded: one instance
/// can check requests from many threads.
/// </summary>
public sealed class OpenApiRequestValidator : IRequestBodyValidator
{
    private static readonly Lazy<OpenApiRequestValidator> QdrantValidator =
        new(() => Load(Path.Combine(SharedData.Reference, "qdrant", "openapi-1.19.0.json")));

    private readonly ApiDescription api;

    private OpenApiRequestValidator(ApiDescription api) => this.api = api;

    /// <summary>The validator for the Qdrant REST API (1.19.0) that NewsBot's Qdrant client targets; loaded once.</summary>
    public static OpenApiRequestValidator Qdrant => QdrantValidator.Value;

    /// <summary>
    /// Whether an object member the schema does not declare is a violation. JSON Schema allows such members unless
    /// <c>additionalProperties</c> is false, which Qdrant's schemas rarely say; Qdrant itself rejects most of them,
    /// and rejecting them here catches misspelled fields.
    /// </summary>
    public bool RejectUnknownProperties { get; init; } = true;

    /// <exception cref="InvalidDataException">The document uses a keyword or construct this validator does not support.</exception>
    public static OpenApiRequestValidator Load(string openApiPath) => new(ApiDescription.Load(openApiPath));

    /// <summary>This validator with <see cref="RejectUnknownProperties"/> set as given, sharing the loaded document.</summary>
    public OpenApiRequestValidator WithRejectUnknownProperties(bool reject) => new(api) { RejectUnknownProperties = reject };

    public IReadOnlyList<string> Validate(string method, string path, JsonNode? body)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        if (!api.Operations.TryFind(method, path, out var operation, out var problem)) return [problem!];

        var request = $"{method.ToUpperInvariant()} {path}";
        if (operation!.RequestBody is not { } requestBody)
            return body is null ? [] : [$"$: {request} takes no request body ({operation.Path.Text} has none)"];
        if (body is null)
            return requestBody.Required ? [$"$: {request} requires a request body"] : [];
        if (requestBody.JsonSchema is not { } schema)
            return [$"$: {request} takes a {string.Join(" or ", requestBody.MediaTypes)} body, not JSON"];
        return SchemaCheck.Run(schema, body, RejectUnknownProperties);
    }

    /// <summary>What is wrong with <paramref name="value"/> as an instance of <c>#/components/schemas/{schemaName}</c>.</summary>
    /// <exception cref="ArgumentException">The document has no such schema.</exception>
    public IReadOnlyList<string> ValidateSchema(string schemaName, JsonNode? value)
    {
        if (!api.Components.TryGetValue(schemaName, out var schema))
            throw new ArgumentException($"The document has no schema {SchemaReference.ComponentPrefix}{schemaName}.", nameof(schemaName));
        return SchemaCheck.Run(schema, value, RejectUnknownProperties);
    }
}
