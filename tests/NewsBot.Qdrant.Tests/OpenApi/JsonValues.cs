using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;

namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>
/// Reads JSON values from <see cref="JsonNode"/>s the way they were written on the wire. A parsed body wraps a
/// <see cref="JsonElement"/>, whose raw text tells an integer (<c>1</c>) from a number with a fraction (<c>1.0</c>);
/// nodes built in code are rendered to JSON first, which is what a client would send.
/// </summary>
internal static class JsonValues
{
    public static JsonValueKind KindOf(JsonNode? node) => node is null ? JsonValueKind.Null : node.GetValueKind();

    public static JsonElement ToElement(JsonNode node)
    {
        if (node is JsonValue value && value.TryGetValue(out JsonElement element)) return element;
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    /// <summary>The text of a JSON string, also from nodes built in code from values that are written as strings (a Guid).</summary>
    public static string StringOf(JsonNode node) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text : ToElement(node).GetString()!;

    /// <summary>Whether a JSON number is written without a fraction or exponent.</summary>
    public static bool IsInteger(JsonElement number) => JsonMarshal.GetRawUtf8Value(number).IndexOfAny(FractionOrExponent) < 0;

    /// <summary>
    /// Whether a number is surely within the range of a float (and so of a double) by how it is written: no exponent
    /// and at most 38 digits before the point. Checking the text spares parsing every element of a large vector.
    /// </summary>
    public static bool IsWithinFloatRangeAsWritten(JsonElement number)
    {
        var text = JsonMarshal.GetRawUtf8Value(number);
        if (text.IndexOfAny(Exponent) >= 0) return false;
        var point = text.IndexOf((byte)'.');
        var integerDigits = (point < 0 ? text.Length : point) - (text[0] == '-' ? 1 : 0);
        return integerDigits <= 38;
    }

    /// <summary>The number as a double; false when it is too large for one (e.g. <c>1e400</c>).</summary>
    public static bool TryGetFiniteDouble(JsonElement number, out double value) =>
        number.TryGetDouble(out value) && double.IsFinite(value);

    /// <summary>A short description of a value for a message: the JSON of a scalar, the kind of a container.</summary>
    public static string Describe(JsonNode? node) => KindOf(node) switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => $"an array of {node!.AsArray().Count} item(s)",
        JsonValueKind.String => Quote(StringOf(node!)),
        _ => node!.ToJsonString(),
    };

    public static string Quote(string text)
    {
        const int MaxShown = 60;
        var shown = text.Length <= MaxShown ? text : text[..MaxShown] + "…";
        return "\"" + shown.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    public static string FormatBound(double bound) => bound.ToString("R", CultureInfo.InvariantCulture);

    private static readonly SearchValues<byte> FractionOrExponent = SearchValues.Create(".eE"u8);
    private static readonly SearchValues<byte> Exponent = SearchValues.Create("eE"u8);
}
