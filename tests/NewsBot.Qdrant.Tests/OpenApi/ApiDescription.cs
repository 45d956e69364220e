namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>The parts of an OpenAPI 3.0 document that request validation needs: its operations and component schemas.</summary>
internal sealed class ApiDescription
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    private const string JsonMediaType = "application/json";

    private ApiDescription(IReadOnlyDictionary<string, Schema> components, OperationTable operations)
    {
        Components = components;
        Operations = operations;
    }

    public IReadOnlyDictionary<string, Schema> Components { get; }
    public OperationTable Operations { get; }

    public static ApiDescription Load(string openApiPath)
    {
        using var stream = File.OpenRead(openApiPath);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var compiler = new SchemaCompiler();

        var components = new Dictionary<string, Schema>(StringComparer.Ordinal);
        if (root.TryGetProperty("components", out var componentsJson) && componentsJson.TryGetProperty("schemas", out var schemas))
            foreach (var schema in schemas.EnumerateObject())
                components[schema.Name] = compiler.Compile(schema.Value, SchemaReference.ComponentPrefix + schema.Name, schema.Name);

        var operations = new List<ApiOperation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            var template = new PathTemplate(path.Name);
            foreach (var method in HttpMethods)
                if (path.Value.TryGetProperty(method, out var operation))
                    operations.Add(new ApiOperation(method, template, ReadRequestBody(operation, $"#/paths/{path.Name}/{method}", compiler)));
        }

        compiler.BindReferences(components);
        return new ApiDescription(components, new OperationTable(operations));
    }

    private static RequestBodySpec? ReadRequestBody(JsonElement operation, string location, SchemaCompiler compiler)
    {
        if (!operation.TryGetProperty("requestBody", out var body)) return null;
        if (body.TryGetProperty("$ref", out _))
            throw new InvalidDataException($"{location}/requestBody: $refs to shared request bodies are not supported.");

        var required = body.TryGetProperty("required", out var requiredJson) && requiredJson.GetBoolean();
        var content = body.TryGetProperty("content", out var contentJson) ? contentJson : default;
        var mediaTypes = content.ValueKind == JsonValueKind.Object ? content.EnumerateObject().Select(m => m.Name).ToList() : [];
        Schema? schema = null;
        if (content.ValueKind == JsonValueKind.Object && content.TryGetProperty(JsonMediaType, out var json))
            schema = json.TryGetProperty("schema", out var schemaJson)
                ? compiler.Compile(schemaJson, $"{location}/requestBody/content/{JsonMediaType}/schema")
                : Schema.Any;
        return new RequestBodySpec(required, schema, mediaTypes);
    }
}
