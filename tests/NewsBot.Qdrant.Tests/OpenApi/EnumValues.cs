namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>
/// The values an <c>enum</c> allows. Strings (nearly all of Qdrant's enums) are looked up in a set; other values
/// are compared as JSON values, so <c>1</c> and <c>1.0</c> are the same number.
/// </summary>
internal sealed class EnumValues
{
    private readonly HashSet<string> strings = new(StringComparer.Ordinal);
    private readonly List<JsonElement> others = [];
    private readonly List<string> texts = [];

    public EnumValues(JsonElement enumArray)
    {
        foreach (var item in enumArray.EnumerateArray())
        {
            texts.Add(item.GetRawText());
            if (item.ValueKind == JsonValueKind.String) strings.Add(item.GetString()!);
            else if (item.ValueKind == JsonValueKind.Null) AllowsNull = true;
            else others.Add(item.Clone());
        }
    }

    public bool AllowsNull { get; }

    /// <summary>The allowed values as JSON, for messages.</summary>
    public IReadOnlyList<string> Texts => texts;

    public bool Contains(JsonNode? value, JsonValueKind kind)
    {
        if (kind == JsonValueKind.Null) return AllowsNull;
        if (kind == JsonValueKind.String) return strings.Contains(JsonValues.StringOf(value!));
        if (others.Count == 0) return false;
        var element = JsonValues.ToElement(value!);
        foreach (var other in others)
            if (SameValue(element, other)) return true;
        return false;
    }

    /// <summary>An allowed string that differs from <paramref name="text"/> only in letter case, to suggest it.</summary>
    public string? CaseInsensitiveMatch(string text) =>
        strings.FirstOrDefault(s => string.Equals(s, text, StringComparison.OrdinalIgnoreCase));

    private static bool SameValue(JsonElement a, JsonElement b) =>
        a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number
            ? a.TryGetDouble(out var x) && b.TryGetDouble(out var y) && x == y
            : JsonElement.DeepEquals(a, b);
}
