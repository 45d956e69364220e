namespace NewsBot.Teams.Turns;

/// <summary>The bot's commands (also listed in the app manifest's command menu); anything else is a question.</summary>
public enum TeamsCommandKind { Question, Help, Latest, New }

public sealed record TeamsCommand(TeamsCommandKind Kind, string Text)
{
    public static TeamsCommand Parse(string text)
    {
        var trimmed = text.Trim().TrimStart('/');
        var space = trimmed.IndexOf(' ');
        var word = (space < 0 ? trimmed : trimmed[..space]).ToLowerInvariant();
        var rest = space < 0 ? "" : trimmed[(space + 1)..].Trim();
        return word switch
        {
            "" or "help" or "?" when rest.Length == 0 => new(TeamsCommandKind.Help, ""),
            "latest" => new(TeamsCommandKind.Latest, rest),
            "new" or "reset" when rest.Length == 0 => new(TeamsCommandKind.New, ""),
            _ => new(TeamsCommandKind.Question, text.Trim()),
        };
    }

    /// <summary>The question the engine answers for <c>latest [topic]</c>: its "what's new" path lists the newest stories.</summary>
    public string LatestQuestion => Text.Length == 0 ? "What's new?" : $"Latest news about {Text}";
}
