namespace NewsBot.Discord.Rest;

/// <summary>
/// What Discord rate-limits a request by: its method and route with the top-level ("major") resource kept apart —
/// <c>channel_id</c>, <c>guild_id</c>, <c>webhook_id</c> + <c>webhook_token</c> — because Discord counts each channel's,
/// guild's and webhook's requests separately, while other ids (a message id) are replaced by a placeholder, because
/// editing message 1 and message 2 of one channel count against the same limit.
/// </summary>
/// <remarks>
/// <para>An interaction's callback route keeps its id and token too: each interaction is its own resource, and its
/// first answer is due within 3 s, so it must not queue behind other interactions' answers.</para>
/// <para><see cref="Major"/> can hold an interaction or webhook token, so <see cref="Key"/> is never logged;
/// <see cref="ToString"/> (<see cref="Route"/>) is.</para>
/// </remarks>
internal sealed record RouteKey(string Method, string Template, string Major)
{
    /// <summary>The method and route without its major parameter ("POST /channels/{channel_id}/messages"): safe to log.</summary>
    public string Route => $"{Method} {Template}";

    /// <summary>The route and its major parameter: one route's requests, whose bucket Discord names in its answer.</summary>
    public string Key => Major.Length == 0 ? Route : $"{Route} {Major}";

    /// <summary>
    /// Webhook and interaction routes: the token in the path authorizes them (no bot token is sent), and Discord does
    /// not count them towards the bot's global limit.
    /// </summary>
    public bool IsWebhook =>
        Template.StartsWith("/webhooks/{webhook_id}/{webhook_token}", StringComparison.Ordinal) || Template.StartsWith("/interactions/", StringComparison.Ordinal);

    public override string ToString() => Route;

    /// <summary>The key of <paramref name="path"/> (relative to the API's base, e.g. "/channels/1/messages/2").</summary>
    public static RouteKey For(HttpMethod method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var template = new List<string>(segments.Length);
        var major = "";
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var top = segments[0];
            if (i == 1 && top == "channels") (major, segment) = ($"channel {segment}", "{channel_id}");
            else if (i == 1 && top == "guilds") (major, segment) = ($"guild {segment}", "{guild_id}");
            else if (i == 1 && top == "webhooks") (major, segment) = ($"webhook {segment}", "{webhook_id}");
            else if (i == 2 && top == "webhooks") (major, segment) = ($"{major}/{segment}", "{webhook_token}");
            else if (i == 1 && top == "interactions") (major, segment) = ($"interaction {segment}", "{interaction_id}");
            else if (i == 2 && top == "interactions") (major, segment) = ($"{major}/{segment}", "{interaction_token}");
            else if (segment.Length > 0 && segment.All(char.IsAsciiDigit)) segment = "{id}";
            template.Add(segment);
        }
        return new RouteKey(method.Method, "/" + string.Join('/', template), major);
    }
}
