namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// A payload index as far as it changes Qdrant's answers: which schemas can serve <c>order_by</c> (range indexes:
/// integer unless <c>range: false</c>, float, datetime; OperationError::MissingRangeIndexForOrderBy otherwise), which can
/// serve facets (match indexes: keyword, integer unless <c>lookup: false</c>, bool, uuid), and what
/// <c>payload_schema</c> reports. Filtering never needs one (Qdrant without strict mode filters unindexed keys too), so the
/// fake filters from the payload alone.
/// </summary>
internal sealed class FakePayloadIndex
{
    private static readonly string[] SchemaTypes = ["keyword", "integer", "float", "geo", "text", "bool", "datetime", "uuid"];

    private FakePayloadIndex(string field, string dataType, JsonObject? parameters)
    {
        Field = field;
        Path = FakeJsonPath.Parse(field);
        DataType = dataType;
        Parameters = parameters;
    }

    public string Field { get; }

    public FakeJsonPath Path { get; }

    /// <summary>One of Qdrant's <c>PayloadSchemaType</c> names.</summary>
    public string DataType { get; }

    /// <summary>The schema's parameters when it was given as an object (<c>{"type": "integer", "range": true}</c>).</summary>
    public JsonObject? Parameters { get; }

    public bool SupportsRange => DataType switch
    {
        "integer" => Parameters?["range"]?.GetValue<bool>() ?? true,
        "float" or "datetime" => true,
        _ => false,
    };

    public bool SupportsFacet => DataType switch
    {
        "integer" => Parameters?["lookup"]?.GetValue<bool>() ?? true,
        "keyword" or "bool" or "uuid" => true,
        _ => false,
    };

    /// <summary>Parses <c>CreateFieldIndex</c>: <c>field_schema</c> is a type name or an object with <c>type</c>.</summary>
    public static FakePayloadIndex Parse(JsonObject body)
    {
        var field = FakeJson.OptionalString(body, "field_name")
            ?? throw FakeQdrantErrors.FormatError("missing field `field_name`");
        var schema = body["field_schema"];
        switch (schema)
        {
            case null:
                // Qdrant infers the type from stored payload; the fake does not, and answers as Qdrant does when it cannot.
                throw FakeQdrantErrors.BadInput($"Unable to infer type for the field '{field}'. Please specify `field_type`");
            case JsonObject parameters:
                return new FakePayloadIndex(field, SchemaType(FakeJson.OptionalString(parameters, "type")), (JsonObject)parameters.DeepClone());
            default:
                return new FakePayloadIndex(field, SchemaType(FakeJson.String(schema, "field_schema")), null);
        }
    }

    private static string SchemaType(string? name) => name is not null && SchemaTypes.Contains(name)
        ? name
        : throw FakeQdrantErrors.FormatError(
            $"unknown variant `{name}`, expected one of {string.Join(", ", SchemaTypes.Select(type => $"`{type}`"))}");

    /// <summary>The values this index holds for a payload, flattening arrays.</summary>
    public IEnumerable<JsonNode> IndexedValues(JsonObject payload)
    {
        foreach (var value in Path.Values(payload))
        {
            if (value is JsonArray array)
            {
                foreach (var element in array)
                {
                    if (element is not null && Accepts(element))
                    {
                        yield return element;
                    }
                }
            }
            else if (value is not null && Accepts(value))
            {
                yield return value;
            }
        }
    }

    private bool Accepts(JsonNode value) => DataType switch
    {
        "keyword" or "text" => FakeJson.IsString(value),
        "uuid" => FakeJson.IsString(value) && Guid.TryParse(value.GetValue<string>(), out _),
        "integer" => FakeJson.IsNumber(value) && value.AsValue().TryGetValue<long>(out _),
        "float" => FakeJson.IsNumber(value),
        "bool" => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "datetime" => FakeDateTime.TryParseMicros(value, out _),
        "geo" => value is JsonObject geo && FakeJson.IsNumber(geo["lat"]) && FakeJson.IsNumber(geo["lon"]),
        _ => false,
    };

    /// <summary>The values <c>order_by</c> sees: integers, floats, or datetimes as microseconds.</summary>
    public IEnumerable<FakeOrderValue> OrderValues(JsonObject payload) => IndexedValues(payload).Select(value => DataType switch
    {
        "integer" => FakeOrderValue.FromInteger(value.GetValue<long>()),
        "datetime" => FakeDateTime.TryParseMicros(value, out var micros) ? FakeOrderValue.FromInteger(micros) : default,
        _ => FakeOrderValue.FromFloat(value.GetValue<double>()),
    });

    /// <summary><c>PayloadIndexInfo</c>: <c>data_type</c>, <c>params</c> when given as an object, and the points indexed.</summary>
    public JsonObject ToInfoJson(IEnumerable<FakePoint> points)
    {
        var info = new JsonObject { ["data_type"] = DataType };
        if (Parameters is not null)
        {
            info["params"] = Parameters.DeepClone();
        }
        info["points"] = points.Count(point => IndexedValues(point.Payload).Any());
        return info;
    }
}
