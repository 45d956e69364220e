using System.Net;

namespace NewsBot.Discord.Rest;

/// <summary>
/// Discord refused a request (a 4xx other than 429, or a 429 / 5xx that outlasted the retries). <see cref="Code"/> is
/// Discord's JSON error code when it gave one (50035 invalid form body, 10008 unknown message, …). The message names
/// the route (ids and tokens left out), never the bot token.
/// </summary>
public sealed class DiscordApiException(HttpStatusCode status, int? code, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public HttpStatusCode Status { get; } = status;
    public int? Code { get; } = code;
}
