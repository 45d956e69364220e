namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>
/// Turns the document's schema objects into <see cref="Schema"/>s. A keyword it does not know makes loading fail,
/// so a newer Qdrant description that adds, say, <c>pattern</c> is not silently checked less than it says.
/// </summary>
internal sealed class SchemaCompiler
{
    /// <summary>Keywords that document a schema without constraining values.</summary>
    private static readonly HashSet<string> Annotations =
        ["description", "default", "example", "examples", "deprecated", "title", "readOnly", "writeOnly", "externalDocs", "xml"];

    private readonly Dictionary<string, SchemaReference> references = new(StringComparer.Ordinal);

    public Schema Compile(JsonElement json, string location, string? componentName = null)
    {
        if (json.ValueKind != JsonValueKind.Object)
            throw Unsupported(location, $"a schema must be an object, not {json.ValueKind}");
        if (json.TryGetProperty("$ref", out var reference))
            return new Schema { Location = location, ComponentName = componentName, Reference = ReferenceTo(reference, location) };

        var builder = new SchemaBuilder(location);
        foreach (var keyword in json.EnumerateObject())
            Read(builder, keyword);
        return builder.Build(componentName);
    }

    /// <summary>Binds every <c>$ref</c> met so far; call once all of <c>#/components/schemas</c> is compiled.</summary>
    public void BindReferences(IReadOnlyDictionary<string, Schema> components)
    {
        foreach (var reference in references.Values) reference.Bind(components);
        foreach (var reference in references.Values) RejectAliasCycle(reference);
    }

    private void Read(SchemaBuilder schema, JsonProperty keyword)
    {
        var value = keyword.Value;
        var at = schema.Location + "/" + keyword.Name;
        switch (keyword.Name)
        {
            case "type": schema.Types |= value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Aggregate(JsonTypes.None, (t, v) => t | TypeNamed(v, at)) : TypeNamed(value, at); break;
            case "nullable": schema.Nullable = value.GetBoolean(); break;
            case "properties": schema.Properties = value.EnumerateObject().ToDictionary(p => p.Name, p => Compile(p.Value, at + "/" + p.Name), StringComparer.Ordinal); break;
            case "required": schema.Required = [.. value.EnumerateArray().Select(r => r.GetString()!)]; break;
            case "additionalProperties": ReadAdditionalProperties(schema, value, at); break;
            case "items": schema.Items = Compile(value, at); break;
            case "enum": schema.Enum = new EnumValues(value); break;
            case "anyOf": schema.AnyOf = CompileAll(value, at); break;
            case "oneOf": schema.OneOf = CompileAll(value, at); break;
            case "allOf": schema.AllOf = CompileAll(value, at); break;
            case "minimum": schema.Minimum = value.GetDouble(); break;
            case "maximum": schema.Maximum = value.GetDouble(); break;
            case "exclusiveMinimum": ReadExclusiveBound(value, ref schema.Minimum, ref schema.ExclusiveMinimum); break;
            case "exclusiveMaximum": ReadExclusiveBound(value, ref schema.Maximum, ref schema.ExclusiveMaximum); break;
            case "minItems": schema.MinItems = value.GetInt32(); break;
            case "maxItems": schema.MaxItems = value.GetInt32(); break;
            case "minLength": schema.MinLength = value.GetInt32(); break;
            case "maxLength": schema.MaxLength = value.GetInt32(); break;
            case "uniqueItems": schema.UniqueItems = value.GetBoolean(); break;
            case "format": schema.Format = FormatNamed(value.GetString()); break;
            default:
                if (!Annotations.Contains(keyword.Name)) throw Unsupported(at, $"the keyword \"{keyword.Name}\" is not supported");
                return;
        }
        if (keyword.Name != "nullable") schema.ValidationKeywords++;
    }

    private void ReadAdditionalProperties(SchemaBuilder schema, JsonElement value, string at)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.True: schema.Additional = AdditionalProperties.Allowed; break;
            case JsonValueKind.False: schema.Additional = AdditionalProperties.Forbidden; break;
            default:
                schema.Additional = AdditionalProperties.Schema;
                schema.AdditionalSchema = Compile(value, at);
                break;
        }
    }

    /// <summary>OpenAPI 3.0 writes <c>exclusiveMinimum: true</c> beside <c>minimum</c>; JSON Schema 2020 writes the bound itself.</summary>
    private static void ReadExclusiveBound(JsonElement value, ref double? bound, ref bool exclusive)
    {
        if (value.ValueKind == JsonValueKind.Number) (bound, exclusive) = (value.GetDouble(), true);
        else exclusive = value.GetBoolean();
    }

    private Schema[] CompileAll(JsonElement array, string at) =>
        [.. array.EnumerateArray().Select((branch, i) => Compile(branch, $"{at}/{i}"))];

    private SchemaReference ReferenceTo(JsonElement reference, string location)
    {
        var target = reference.GetString() ?? "";
        if (!target.StartsWith(SchemaReference.ComponentPrefix, StringComparison.Ordinal))
            throw Unsupported(location, $"only $refs to {SchemaReference.ComponentPrefix}... are supported, not \"{target}\"");
        var name = target[SchemaReference.ComponentPrefix.Length..];
        if (!references.TryGetValue(name, out var existing)) references[name] = existing = new SchemaReference(name);
        return existing;
    }

    /// <summary>A schema that is only a <c>$ref</c> to itself (through other bare <c>$ref</c>s) would never stop resolving.</summary>
    private static void RejectAliasCycle(SchemaReference start)
    {
        var seen = new HashSet<SchemaReference>();
        for (var reference = start; reference is not null; reference = reference.Target.Reference)
            if (!seen.Add(reference))
                throw new InvalidDataException($"{SchemaReference.ComponentPrefix}{start.Name} is a cycle of bare $refs.");
    }

    private static JsonTypes TypeNamed(JsonElement name, string at) => name.GetString() switch
    {
        "object" => JsonTypes.Object,
        "array" => JsonTypes.Array,
        "string" => JsonTypes.String,
        "integer" => JsonTypes.Integer,
        "number" => JsonTypes.Number,
        "boolean" => JsonTypes.Boolean,
        "null" => JsonTypes.Null,
        var other => throw Unsupported(at, $"unknown type \"{other}\""),
    };

    private static ValueFormat FormatNamed(string? name) => name switch
    {
        "uint" => ValueFormat.UInt,
        "uint8" => ValueFormat.UInt8,
        "uint32" => ValueFormat.UInt32,
        "uint64" => ValueFormat.UInt64,
        "int64" => ValueFormat.Int64,
        "float" => ValueFormat.Float,
        "double" => ValueFormat.Double,
        "uuid" => ValueFormat.Uuid,
        "date-time" => ValueFormat.DateTime,
        "partial-date-time" => ValueFormat.PartialDateTime,
        "uri" => ValueFormat.Uri,
        _ => ValueFormat.None,   // e.g. "binary" on multipart uploads: an annotation for JSON bodies
    };

    private static InvalidDataException Unsupported(string location, string problem) => new($"{location}: {problem}.");

    /// <summary>The keywords of one schema object as they are read, before they become an immutable <see cref="Schema"/>.</summary>
    private sealed class SchemaBuilder(string location)
    {
        public string Location { get; } = location;
        public JsonTypes Types;
        public bool Nullable;
        public Dictionary<string, Schema>? Properties;
        public string[] Required = [];
        public AdditionalProperties Additional;
        public Schema? AdditionalSchema;
        public Schema? Items;
        public EnumValues? Enum;
        public Schema[]? AnyOf, OneOf, AllOf;
        public double? Minimum, Maximum;
        public bool ExclusiveMinimum, ExclusiveMaximum;
        public int? MinItems, MaxItems, MinLength, MaxLength;
        public bool UniqueItems;
        public ValueFormat Format;
        public int ValidationKeywords;

        public Schema Build(string? componentName) => new()
        {
            Location = Location,
            ComponentName = componentName,
            // Qdrant writes an optional field as anyOf: [X, {nullable: true}]. Read literally, {nullable: true} has no
            // type and would accept anything, making every such field unchecked; it means "or null".
            Types = Nullable && ValidationKeywords == 0 ? JsonTypes.Null : Types,
            Nullable = Nullable,
            Properties = Properties,
            Required = Required,
            Additional = Additional,
            AdditionalSchema = AdditionalSchema,
            Items = Items,
            Enum = Enum,
            AnyOf = AnyOf,
            OneOf = OneOf,
            AllOf = AllOf,
            Minimum = Minimum,
            ExclusiveMinimum = ExclusiveMinimum,
            Maximum = Maximum,
            ExclusiveMaximum = ExclusiveMaximum,
            MinItems = MinItems,
            MaxItems = MaxItems,
            MinLength = MinLength,
            MaxLength = MaxLength,
            UniqueItems = UniqueItems,
            Format = Format,
        };
    }
}
