using NewsBot.Testing;

namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>
/// The keywords Qdrant's description does not use today (allOf, oneOf, an enum with null, exclusive bounds, ...),
/// checked against a small document of their own, so a newer Qdrant description that starts using them is checked right.
/// </summary>
public sealed class OpenApiKeywordTests : IDisposable
{
    private const string Document = """
        {
          "openapi": "3.0.1",
          "paths": {
            "/things": {
              "get": {},
              "post": {"requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Named"}}}}}
            }
          },
          "components": {
            "schemas": {
              "Named": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 5}}},
              "Dated": {"type": "object", "properties": {"at": {"type": "string", "format": "partial-date-time"}}},
              "NamedAndDated": {"allOf": [{"$ref": "#/components/schemas/Named"}, {"$ref": "#/components/schemas/Dated"}]},
              "Shape": {"oneOf": [
                {"type": "object", "required": ["r"], "properties": {"r": {"type": "number"}}, "additionalProperties": true},
                {"type": "object", "required": ["w"], "properties": {"w": {"type": "number"}}, "additionalProperties": true}
              ]},
              "Level": {"enum": ["low", "high", null]},
              "Ratio": {"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 1, "exclusiveMaximum": true},
              "Tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 2, "uniqueItems": true},
              "Link": {"type": "string", "format": "uri"},
              "Small": {"type": "integer", "format": "uint8"},
              "Tree": {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}}}},
              "Empty": {"type": "object"}
            }
          }
        }
        """;

    private readonly TempDir dir = new();
    private readonly OpenApiRequestValidator validator;

    public OpenApiKeywordTests()
    {
        File.WriteAllText(dir.File("openapi.json"), Document);
        validator = OpenApiRequestValidator.Load(dir.File("openapi.json"));
    }

    public void Dispose() => dir.Dispose();

    [Fact]
    public void A_required_body_must_be_sent()
    {
        Assert.Equal("$: POST /things requires a request body", Assert.Single(validator.Validate("POST", "/things", null)));
        Assert.Empty(validator.Validate("POST", "/things", JsonNode.Parse("""{"name": "a"}""")));
        Assert.Empty(validator.Validate("GET", "/things", null));
    }

    [Fact]
    public void AllOf_knows_the_properties_of_every_branch()
    {
        Assert.Empty(Check("NamedAndDated", """{"name": "a", "at": "2025-01-01"}"""));
        Assert.Equal(["$: missing required property \"name\""], Check("NamedAndDated", """{"at": "2025-01-01"}"""));
        Assert.Equal(
            ["$.att: unknown property (did you mean \"at\"?); NamedAndDated declares: name, at"],
            Check("NamedAndDated", """{"name": "a", "att": "2025-01-01"}"""));
    }

    [Fact]
    public void OneOf_wants_exactly_one_alternative()
    {
        Assert.Empty(Check("Shape", """{"r": 1}"""));
        Assert.StartsWith("$: matches more than one oneOf alternative", Assert.Single(Check("Shape", """{"r": 1, "w": 2}""")));
        Assert.Equal(["$: missing required property \"r\""], Check("Shape", "{}"));
    }

    [Fact]
    public void An_enum_can_allow_null()
    {
        Assert.Empty(Check("Level", "null"));
        Assert.Empty(Check("Level", "\"high\""));
        Assert.Equal(["$: expected one of \"low\", \"high\", null, got \"medium\""], Check("Level", "\"medium\""));
    }

    [Theory]
    [InlineData("0.5", null)]
    [InlineData("0", "$: expected a number > 0, got 0")]
    [InlineData("1", "$: expected a number < 1, got 1")]
    public void Exclusive_bounds_exclude_the_bound(string value, string? violation)
    {
        Assert.Equal(violation is null ? [] : [violation], Check("Ratio", value));
    }

    [Theory]
    [InlineData("[\"a\"]", null)]
    [InlineData("[]", "$: expected at least 1 item(s), got 0")]
    [InlineData("[\"a\", \"b\", \"c\"]", "$: expected at most 2 item(s), got 3")]
    [InlineData("[\"a\", \"a\"]", "$[1]: duplicate of item 0; the items must be unique")]
    [InlineData("[\"a\", 1]", "$[1]: expected a string, got 1")]
    public void Array_keywords_are_checked(string value, string? violation)
    {
        Assert.Equal(violation is null ? [] : [violation], Check("Tags", value));
    }

    [Theory]
    [InlineData("\"\"", "$.name: expected a string of at least 1 character(s), got \"\"")]
    [InlineData("\"abcdef\"", "$.name: expected a string of at most 5 character(s), got 6")]
    [InlineData("\"😀😀😀\"", null)]   // three code points, six UTF-16 chars
    public void String_lengths_count_code_points(string name, string? violation)
    {
        Assert.Equal(violation is null ? [] : [violation], Check("Named", $$"""{"name": {{name}}}"""));
    }

    [Theory]
    [InlineData("\"https://example.com/snapshots/a.snapshot\"", true)]
    [InlineData("\"file:///qdrant/snapshots/a.snapshot\"", true)]
    [InlineData("\"example.com/a\"", false)]
    [InlineData("\"/qdrant/snapshots/a.snapshot\"", false)]
    [InlineData("255", false)]
    public void A_uri_must_be_absolute(string value, bool valid)
    {
        Assert.Equal(valid, Check("Link", value).Count == 0);
    }

    [Theory]
    [InlineData("255", true)]
    [InlineData("256", false)]
    [InlineData("-1", false)]
    [InlineData("1.0", false)]
    [InlineData("1e2", false)]
    public void Integer_formats_bound_the_value(string value, bool valid)
    {
        Assert.Equal(valid, Check("Small", value).Count == 0);
    }

    [Fact]
    public void Recursive_schemas_are_followed_as_deep_as_the_value_goes()
    {
        Assert.Empty(Check("Tree", """{"children": [{"children": [{"children": []}]}]}"""));
        Assert.Equal(
            ["$.children[0].children[1].children: expected an array, got 3"],
            Check("Tree", """{"children": [{"children": [{}, {"children": 3}]}]}"""));
    }

    [Fact]
    public void An_object_schema_without_properties_takes_no_unknown_members_unless_told_to()
    {
        Assert.Empty(Check("Empty", "{}"));
        Assert.Equal(["$.x: unknown property; Empty declares no properties"], Check("Empty", """{"x": 1}"""));
        Assert.Empty(validator.WithRejectUnknownProperties(false).ValidateSchema("Empty", JsonNode.Parse("""{"x": 1}""")));
    }

    [Theory]
    [InlineData("""{"type": "string", "pattern": "^a"}""", "#/components/schemas/Bad/pattern")]
    [InlineData("""{"$ref": "#/components/schemas/Missing"}""", "#/components/schemas/Missing")]
    [InlineData("""{"$ref": "#/components/schemas/Bad"}""", "cycle")]
    [InlineData("""{"$ref": "other.json#/Thing"}""", "#/components/schemas/Bad")]
    public void A_document_the_validator_cannot_fully_check_fails_to_load(string schema, string named)
    {
        File.WriteAllText(dir.File("bad.json"), $$$$"""{"openapi": "3.0.1", "paths": {}, "components": {"schemas": {"Bad": {{{{schema}}}}}}}""");

        var error = Assert.Throws<InvalidDataException>(() => OpenApiRequestValidator.Load(dir.File("bad.json")));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private IReadOnlyList<string> Check(string schemaName, string json) => validator.ValidateSchema(schemaName, JsonNode.Parse(json));
}
