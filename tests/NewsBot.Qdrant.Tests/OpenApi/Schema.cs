namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>
/// One compiled schema object of the OpenAPI document. Immutable once <see cref="ApiDescription.Load"/> returns, so
/// a validator can be shared across threads.
/// </summary>
internal sealed class Schema
{
    /// <summary>Accepts every value: a schema with no validation keywords (e.g. only a description).</summary>
    public static readonly Schema Any = new() { Location = "(any)" };

    /// <summary>Where the schema sits in the document, e.g. <c>#/components/schemas/Filter</c>; for diagnostics.</summary>
    public required string Location { get; init; }

    /// <summary>The component name when this is <c>#/components/schemas/{Name}</c> itself.</summary>
    public string? ComponentName { get; init; }

    /// <summary>Set for a <c>$ref</c>; OpenAPI 3.0 ignores every sibling keyword of a <c>$ref</c>.</summary>
    public SchemaReference? Reference { get; init; }

    /// <summary>The <c>type</c> keyword; <see cref="JsonTypes.None"/> when absent (any type).</summary>
    public JsonTypes Types { get; init; }

    /// <summary>OpenAPI 3.0's <c>nullable: true</c>: null is valid whatever the other keywords say.</summary>
    public bool Nullable { get; init; }

    public IReadOnlyDictionary<string, Schema>? Properties { get; init; }
    public IReadOnlyList<string> Required { get; init; } = [];
    public AdditionalProperties Additional { get; init; }

    /// <summary>The schema for undeclared properties when <see cref="Additional"/> is <see cref="AdditionalProperties.Schema"/>.</summary>
    public Schema? AdditionalSchema { get; init; }

    public Schema? Items { get; init; }
    public EnumValues? Enum { get; init; }
    public IReadOnlyList<Schema>? AnyOf { get; init; }
    public IReadOnlyList<Schema>? OneOf { get; init; }
    public IReadOnlyList<Schema>? AllOf { get; init; }

    public double? Minimum { get; init; }
    public bool ExclusiveMinimum { get; init; }
    public double? Maximum { get; init; }
    public bool ExclusiveMaximum { get; init; }
    public int? MinItems { get; init; }
    public int? MaxItems { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public bool UniqueItems { get; init; }
    public ValueFormat Format { get; init; }

    /// <summary>
    /// Whether the schema says anything about an object's members, and so whether an object's undeclared members can
    /// be "unknown" to it. A schema with only <c>anyOf</c> leaves that to its branches.
    /// </summary>
    public bool DescribesObjects =>
        Properties is not null || Required.Count > 0 || Additional != AdditionalProperties.Unspecified
        || (Types & JsonTypes.Object) != 0 || AllOf is not null;

    public override string ToString() => Location;
}

/// <summary>The JSON types a schema's <c>type</c> (plus <c>nullable</c>) admits.</summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Object = 1,
    Array = 2,
    String = 4,
    Integer = 8,
    Number = 16,
    Boolean = 32,
    Null = 64,
}

/// <summary>What <c>additionalProperties</c> says about members not listed in <c>properties</c>.</summary>
internal enum AdditionalProperties
{
    /// <summary>Absent: JSON Schema allows them; the validator may still reject them as unknown.</summary>
    Unspecified,
    Allowed,
    Forbidden,
    Schema,
}

/// <summary>The <c>format</c> values the validator checks; any other format is an annotation only.</summary>
internal enum ValueFormat
{
    None,
    UInt,
    UInt8,
    UInt32,
    UInt64,
    Int64,
    Float,
    Double,
    Uuid,
    DateTime,
    PartialDateTime,
    Uri,
}
