using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace NewsBot.Teams.Authentication;

/// <summary>
/// The Bot Connector lists, on each signing key of its JWKS, the channels ("msteams", ...) that key may vouch for;
/// a token signed with a key not endorsed for the activity's channel must not be trusted for that channel.
/// </summary>
internal static class Endorsements
{
    private const string Member = "endorsements";

    /// <summary>
    /// Fails closed where the Bot Framework SDK passes: the SDK skips the check when the activity has no channelId
    /// or when the key carries no endorsements (that is its Emulator path, whose keys have none). This authenticator
    /// trusts only the Bot Connector's issuer, whose keys always carry endorsements, so either gap would only ever
    /// let through a token that was never meant for this channel.
    /// </summary>
    public static bool Endorses(JsonWebKey key, string? channelId) =>
        !string.IsNullOrEmpty(channelId) && Of(key).Contains(channelId, StringComparer.Ordinal);

    private static IEnumerable<string> Of(JsonWebKey key)
    {
        if (!key.AdditionalData.TryGetValue(Member, out var value)) return [];
        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!),
            IEnumerable<string> strings => strings,
            _ => [],
        };
    }
}
