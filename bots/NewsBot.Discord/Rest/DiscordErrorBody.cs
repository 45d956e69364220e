using System.Text.Json;

namespace NewsBot.Discord.Rest;

/// <summary>
/// The body Discord sends with an error: <c>{"message": "Invalid Form Body", "code": 50035, "errors": {...}}</c>, and
/// with a 429 also <c>retry_after</c> (seconds) and <c>global</c>.
/// </summary>
internal sealed class DiscordErrorBody
{
    public string? Message { get; set; }
    public int? Code { get; set; }
    public JsonElement? Errors { get; set; }
    public double? RetryAfter { get; set; }
    public bool? Global { get; set; }

    /// <summary>
    /// The field errors, one line each ("embeds.0.description: Must be 4096 or fewer in length."): Discord nests them
    /// by field path, with the messages under <c>_errors</c>.
    /// </summary>
    public IEnumerable<string> FieldErrors()
    {
        if (Errors is not { ValueKind: JsonValueKind.Object } errors) return [];
        var lines = new List<string>();
        Collect(errors, "", lines);
        return lines;
    }

    private static void Collect(JsonElement node, string path, List<string> lines)
    {
        if (node.ValueKind != JsonValueKind.Object) return;
        foreach (var property in node.EnumerateObject())
        {
            if (property.NameEquals("_errors") && property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in property.Value.EnumerateArray())
                    if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message))
                        lines.Add($"{(path.Length == 0 ? "(body)" : path)}: {message.GetString()}");
            }
            else
                Collect(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", lines);
        }
    }
}
