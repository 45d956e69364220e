namespace NewsBot.Teams.Manifest;

/// <summary>
/// One invalid setting: <paramref name="Setting"/> is the <see cref="TeamsAppSettings"/> property it concerns, so that a
/// caller can name it its own way (the CLI names its option); <paramref name="Problem"/> continues that name,
/// e.g. "must be at most 30 characters (it is 34)".
/// </summary>
public sealed record TeamsAppSettingError(string Setting, string Problem)
{
    public override string ToString() => $"{Setting} {Problem}";
}
