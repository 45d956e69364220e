using System.Globalization;

namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// Payload datetimes as Qdrant reads them (<c>DateTimePayloadType::from_str</c>): RFC 3339, and also the looser forms it
/// accepts (no offset means UTC). Qdrant keeps them as microseconds since the epoch, so the fake compares at that precision.
/// The fake's parser is .NET's invariant one, somewhat more lenient than Qdrant's list of formats.
/// </summary>
internal static class FakeDateTime
{
    public static bool TryParseMicros(string text, out long micros)
    {
        if (DateTimeOffset.TryParse(
                text,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var parsed))
        {
            micros = (parsed.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
            return true;
        }
        micros = 0;
        return false;
    }

    public static bool TryParseMicros(JsonNode? node, out long micros)
    {
        if (FakeJson.IsString(node))
        {
            return TryParseMicros(node!.GetValue<string>(), out micros);
        }
        micros = 0;
        return false;
    }

    /// <summary>A datetime in a request (range bound, <c>start_from</c>); Qdrant's wording for a bad one.</summary>
    public static long ParseRequestMicros(string text) => TryParseMicros(text, out var micros)
        ? micros
        : throw FakeQdrantErrors.FormatError($"'{text}' is not in a supported date/time format, please use RFC 3339");
}
