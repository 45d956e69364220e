namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>How messages name JSON types and formats.</summary>
internal static class TypeNames
{
    private static readonly (JsonTypes Type, string Name)[] Names =
    [
        (JsonTypes.Object, "an object"),
        (JsonTypes.Array, "an array"),
        (JsonTypes.String, "a string"),
        (JsonTypes.Number, "a number"),
        (JsonTypes.Integer, "an integer"),
        (JsonTypes.Boolean, "a boolean"),
        (JsonTypes.Null, "null"),
    ];

    /// <summary>E.g. "an array, an object or null".</summary>
    public static string Describe(JsonTypes types)
    {
        if ((types & JsonTypes.Number) != 0) types &= ~JsonTypes.Integer;   // every integer is a number
        var names = Names.Where(n => (types & n.Type) != 0).Select(n => n.Name).ToList();
        return names.Count <= 1 ? names.SingleOrDefault() ?? "nothing" : string.Join(", ", names[..^1]) + " or " + names[^1];
    }
}

internal static class FormatNames
{
    public static string DescribeNumber(ValueFormat format) => format switch
    {
        ValueFormat.UInt => $"a uint (an integer from 0 to {ulong.MaxValue})",
        ValueFormat.UInt64 => $"a uint64 (an integer from 0 to {ulong.MaxValue})",
        ValueFormat.UInt8 => $"a uint8 (an integer from 0 to {byte.MaxValue})",
        ValueFormat.UInt32 => $"a uint32 (an integer from 0 to {uint.MaxValue})",
        ValueFormat.Int64 => $"an int64 (an integer from {long.MinValue} to {long.MaxValue})",
        ValueFormat.Float => "a float (a number within the range of a 32-bit float)",
        _ => "a finite number",
    };

    public static string DescribeString(ValueFormat format) => format switch
    {
        ValueFormat.Uuid => "a UUID (8-4-4-4-12 hex digits, e.g. \"550e8400-e29b-41d4-a716-446655440000\")",
        ValueFormat.DateTime => "an RFC 3339 date-time (e.g. \"2025-01-01T00:00:00Z\")",
        ValueFormat.PartialDateTime => "a date or date-time (e.g. \"2025-01-01\" or \"2025-01-01T00:00:00Z\")",
        ValueFormat.Uri => "an absolute URI",
        _ => "a string",
    };
}
