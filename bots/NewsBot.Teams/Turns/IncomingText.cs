using System.Net;
using System.Text.RegularExpressions;
using NewsBot.Teams.Protocol;

namespace NewsBot.Teams.Turns;

/// <summary>
/// What the reader typed, as plain text: the bot's own <c>&lt;at&gt;NewsBot&lt;/at&gt;</c> mention removed (Teams
/// puts it in the text of every channel and group message), other mentions kept as names, HTML tags and entities
/// (which Teams sends for formatted messages) turned into text, whitespace collapsed.
/// </summary>
public static partial class IncomingText
{
    public static string Of(Activity activity)
    {
        var text = activity.Text ?? "";
        foreach (var mention in BotMentions(activity)) text = text.Replace(mention, " ", StringComparison.OrdinalIgnoreCase);
        text = AtTag().Replace(text, m => $" {m.Groups[1].Value} ");
        text = BreakTag().Replace(text, "\n");
        text = AnyTag().Replace(text, " ");
        text = WebUtility.HtmlDecode(text).Replace('\u00A0', ' ');
        return Whitespace().Replace(text, " ").Trim();
    }

    /// <summary>The mention texts that name the bot: from mention entities, else the bare tag with the bot's name.</summary>
    private static IEnumerable<string> BotMentions(Activity activity)
    {
        var botId = activity.Recipient?.Id;
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity["type"]?.GetValueKind() != System.Text.Json.JsonValueKind.String || (string?)entity["type"] != "mention") continue;
            var mentioned = entity["mentioned"] as System.Text.Json.Nodes.JsonObject;
            var id = mentioned?["id"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)mentioned["id"] : null;
            var mentionText = entity["text"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)entity["text"] : null;
            if (botId is not null && id == botId && !string.IsNullOrEmpty(mentionText)) yield return mentionText;
        }
        if (activity.Recipient?.Name is { Length: > 0 } name) yield return $"<at>{name}</at>";
    }

    [GeneratedRegex(@"<at[^>]*>(.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AtTag();

    [GeneratedRegex(@"<br\s*/?>|</p>|</div>", RegexOptions.IgnoreCase)]
    private static partial Regex BreakTag();

    [GeneratedRegex(@"<[^>]{0,500}>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
