using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace NewsBot.Web.Http;

/// <summary>
/// Reads a JSON request body within a size limit. Oversized, empty, non-JSON and malformed bodies become a 400 that
/// says which, never an exception page; the parser's position is reported, its internals are not.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, int maxBytes) where T : class
    {
        var request = context.Request;
        if (request.ContentType is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, Problems.BadRequest("The body must be JSON (Content-Type: application/json)."));
        if (request.ContentLength > maxBytes)
            return (null, Problems.BadRequest($"The request body is larger than {maxBytes:N0} bytes."));

        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes) return (null, Problems.BadRequest($"The request body is larger than {maxBytes:N0} bytes."));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return (null, Problems.BadRequest("The request body is empty; send a JSON object."));
        try
        {
            var value = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), type);
            return value is null ? (null, Problems.BadRequest("The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            return (null, Problems.BadRequest($"The body is not valid JSON{where}."));
        }
    }
}
