using System.Globalization;

namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// A point id as Qdrant's <c>ExtendedPointId</c> (lib/segment/src/types.rs): an unsigned 64-bit integer or a UUID, the UUID
/// kept in lowercase hyphenated form (how the uuid crate prints it). Ordering is the derived <c>Ord</c> of that enum:
/// every integer before every UUID, UUIDs by their bytes, which is the order of their lowercase hex text.
/// </summary>
internal readonly struct FakePointId : IComparable<FakePointId>, IEquatable<FakePointId>
{
    private readonly ulong _number;
    private readonly string? _uuid;

    private FakePointId(ulong number, string? uuid)
    {
        _number = number;
        _uuid = uuid;
    }

    public bool IsUuid => _uuid is not null;

    public static FakePointId FromNumber(ulong number) => new(number, null);

    /// <summary>A body's id: a JSON unsigned integer or a UUID string; anything else fails as serde fails in Qdrant.</summary>
    public static FakePointId FromJson(JsonNode? node)
    {
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.Number when value.TryGetValue<ulong>(out var number):
                    return FromNumber(number);
                case JsonValueKind.String when TryParseUuid(value.GetValue<string>(), out var uuid):
                    return new FakePointId(0, uuid);
            }
        }
        var shown = node is JsonValue { } scalar && scalar.GetValueKind() == JsonValueKind.String
            ? scalar.GetValue<string>()
            : node?.ToJsonString() ?? "null";
        throw FakeQdrantErrors.FormatError(
            $"value {shown} is not a valid point ID, valid values are either an unsigned integer or a UUID");
    }

    /// <summary>A path's id (<c>GET /points/{id}</c>), parsed like Qdrant's <c>FromStr</c>: digits, else a UUID.</summary>
    public static bool TryParse(string text, out FakePointId id)
    {
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            id = FromNumber(number);
            return true;
        }
        if (TryParseUuid(text, out var uuid))
        {
            id = new FakePointId(0, uuid);
            return true;
        }
        id = default;
        return false;
    }

    /// <summary>The forms the uuid crate parses: hyphenated, simple (32 hex digits), braced and <c>urn:uuid:</c>.</summary>
    private static bool TryParseUuid(string text, out string uuid)
    {
        var candidate = text.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase) ? text[9..] : text;
        foreach (var format in (ReadOnlySpan<string>)["D", "N", "B"])
        {
            if (Guid.TryParseExact(candidate, format, out var guid))
            {
                uuid = guid.ToString("D");
                return true;
            }
        }
        uuid = "";
        return false;
    }

    public JsonNode ToJson() => _uuid is null ? JsonValue.Create(_number) : JsonValue.Create(_uuid);

    public override string ToString() => _uuid ?? _number.ToString(CultureInfo.InvariantCulture);

    public int CompareTo(FakePointId other) => (_uuid, other._uuid) switch
    {
        (null, null) => _number.CompareTo(other._number),
        (null, _) => -1,
        (_, null) => 1,
        _ => string.CompareOrdinal(_uuid, other._uuid),
    };

    public bool Equals(FakePointId other) => _number == other._number && _uuid == other._uuid;

    public override bool Equals(object? obj) => obj is FakePointId other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_number, _uuid);

    public static bool operator ==(FakePointId left, FakePointId right) => left.Equals(right);

    public static bool operator !=(FakePointId left, FakePointId right) => !left.Equals(right);

    public static bool operator <(FakePointId left, FakePointId right) => left.CompareTo(right) < 0;

    public static bool operator >(FakePointId left, FakePointId right) => left.CompareTo(right) > 0;

    public static bool operator <=(FakePointId left, FakePointId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(FakePointId left, FakePointId right) => left.CompareTo(right) >= 0;
}
