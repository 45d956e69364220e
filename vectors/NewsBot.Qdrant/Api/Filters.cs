using System.Text.Json.Nodes;

namespace NewsBot.Qdrant.Api;

/// <summary>Qdrant's <c>Filter</c>: all of <see cref="Must"/>, at least one of <see cref="Should"/> (when given), none of <see cref="MustNot"/>.</summary>
public sealed class Filter
{
    public List<Condition>? Must { get; set; }
    public List<Condition>? Should { get; set; }
    public List<Condition>? MustNot { get; set; }
}

/// <summary>
/// One condition of a <see cref="Filter"/>. Qdrant's conditions are a union (a field condition, <c>has_id</c>,
/// <c>has_vector</c>, or a nested filter); exactly one group of these properties is set, and the others are left out
/// of the JSON.
/// </summary>
public sealed class Condition
{
    public string? Key { get; set; }
    public Match? Match { get; set; }
    public DatetimeRange? Range { get; set; }
    public List<string>? HasId { get; set; }
    public string? HasVector { get; set; }
    public FieldKey? IsEmpty { get; set; }
    public List<Condition>? Must { get; set; }
    public List<Condition>? Should { get; set; }
    public List<Condition>? MustNot { get; set; }

    public static Condition Equals(string key, string value) => new() { Key = key, Match = new Match { Value = JsonValue.Create(value) } };
    public static Condition Equals(string key, bool value) => new() { Key = key, Match = new Match { Value = JsonValue.Create(value) } };
    public static Condition Equals(string key, long value) => new() { Key = key, Match = new Match { Value = JsonValue.Create(value) } };
    public static Condition AnyOf(string key, IEnumerable<string> values) => new() { Key = key, Match = new Match { Any = values.ToList() } };
    public static Condition Between(string key, string? from, string? to) => new() { Key = key, Range = new DatetimeRange { Gte = from, Lte = to } };
    public static Condition Ids(IEnumerable<string> ids) => new() { HasId = ids.ToList() };
    public static Condition Vector(string name) => new() { HasVector = name };
    /// <summary>The key is absent, null or an empty array.</summary>
    public static Condition Empty(string key) => new() { IsEmpty = new FieldKey { Key = key } };
}

/// <summary><c>{"value": …}</c> or <c>{"any": […]}</c>.</summary>
public sealed class Match
{
    public JsonNode? Value { get; set; }
    public List<string>? Any { get; set; }
}

/// <summary>A range over an RFC 3339 datetime payload field, bounds inclusive.</summary>
public sealed class DatetimeRange
{
    public string? Gte { get; set; }
    public string? Lte { get; set; }
}

public sealed class FieldKey
{
    public required string Key { get; set; }
}
