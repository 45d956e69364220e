using System.Globalization;

namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// Reads request bodies the way serde would accept them (a JSON null is the same as an absent field) and writes numbers
/// the way serde writes them. A value of the wrong type is a 400 format error, as in Qdrant; serde's exact wording is
/// approximated ("invalid type: ..., expected ...").
/// </summary>
internal static class FakeJson
{
    public static JsonObject Object(JsonNode? node, string field)
    {
        if (node is JsonObject obj)
        {
            return obj;
        }
        throw TypeError(node, $"a map ({field})");
    }

    public static JsonObject? OptionalObject(JsonObject owner, string key)
    {
        var node = owner[key];
        return node is null ? null : Object(node, key);
    }

    public static JsonArray? OptionalArray(JsonObject owner, string key)
    {
        var node = owner[key];
        return node switch
        {
            null => null,
            JsonArray array => array,
            _ => throw TypeError(node, $"a sequence ({key})"),
        };
    }

    public static string? OptionalString(JsonObject owner, string key)
    {
        var node = owner[key];
        return node is null ? null : String(node, key);
    }

    public static string String(JsonNode? node, string field)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }
        throw TypeError(node, $"a string ({field})");
    }

    public static bool? OptionalBool(JsonObject owner, string key)
    {
        var node = owner[key];
        if (node is null)
        {
            return null;
        }
        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw TypeError(node, $"a boolean ({key})"),
        };
    }

    public static long? OptionalInteger(JsonObject owner, string key)
    {
        var node = owner[key];
        return node is null ? null : Integer(node, key);
    }

    public static long Integer(JsonNode? node, string field)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number))
        {
            return number;
        }
        throw TypeError(node, $"an integer ({field})");
    }

    /// <summary>A <c>usize</c> such as <c>limit</c>: a non-negative integer.</summary>
    public static int? OptionalCount(JsonObject owner, string key)
    {
        var number = OptionalInteger(owner, key);
        if (number is null)
        {
            return null;
        }
        if (number < 0)
        {
            throw FakeQdrantErrors.FormatError($"invalid value: integer `{number}`, expected usize ({key})");
        }
        return (int)Math.Min(number.Value, int.MaxValue);
    }

    /// <summary>A limit Qdrant validates as at least 1 (<c>#[validate(range(min = 1))]</c>): 0 is a 422.</summary>
    public static int? OptionalPositiveCount(JsonObject owner, string key)
    {
        var count = OptionalCount(owner, key);
        if (count == 0)
        {
            throw FakeQdrantErrors.ValidationError(key, "value 0 invalid, must be 1 or larger");
        }
        return count;
    }

    public static float? OptionalFloat(JsonObject owner, string key)
    {
        var node = owner[key];
        return node is null ? null : Float(node, key);
    }

    public static float Float(JsonNode? node, string field)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            return value.GetValue<float>();
        }
        throw TypeError(node, $"a number ({field})");
    }

    public static bool IsNumber(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.Number;

    public static bool IsString(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;

    /// <summary>serde's <c>f32</c> output: integral values keep their ".0" (0.5 → 0.5, 1 → 1.0).</summary>
    public static JsonNode Float(float value) =>
        float.IsFinite(value) && value == MathF.Truncate(value) && MathF.Abs(value) < 1e15f
            ? JsonNode.Parse(value.ToString("0.0", CultureInfo.InvariantCulture))!
            : JsonValue.Create(value);

    /// <summary>serde's <c>f64</c> output, as <see cref="Float(float)"/>.</summary>
    public static JsonNode Double(double value) =>
        double.IsFinite(value) && value == Math.Truncate(value) && Math.Abs(value) < 1e15
            ? JsonNode.Parse(value.ToString("0.0", CultureInfo.InvariantCulture))!
            : JsonValue.Create(value);

    public static FakeQdrantException TypeError(JsonNode? node, string expected) =>
        FakeQdrantErrors.FormatError($"invalid type: {Describe(node)}, expected {expected}");

    /// <summary>How serde names an unexpected value.</summary>
    public static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "map",
        JsonValueKind.Array => "sequence",
        JsonValueKind.String => $"string \"{node.GetValue<string>()}\"",
        JsonValueKind.True => "boolean `true`",
        JsonValueKind.False => "boolean `false`",
        _ => $"number `{node.ToJsonString()}`",
    };
}
