namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>
/// A <c>$ref</c> to <c>#/components/schemas/{Name}</c>. Compiling records only the name, so recursive schemas
/// (a Filter holds Conditions that hold Filters) compile without following themselves; the target is bound once
/// every component is compiled.
/// </summary>
internal sealed class SchemaReference(string name)
{
    public const string ComponentPrefix = "#/components/schemas/";

    private Schema? target;

    public string Name { get; } = name;

    public Schema Target => target ?? throw new InvalidOperationException($"$ref {ComponentPrefix}{Name} was never bound.");

    public void Bind(IReadOnlyDictionary<string, Schema> components)
    {
        if (!components.TryGetValue(Name, out var schema))
            throw new InvalidDataException($"$ref {ComponentPrefix}{Name} names no schema in the document.");
        target = schema;
    }
}
