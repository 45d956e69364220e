namespace NewsBot.Teams.Manifest;

/// <summary>The settings cannot make a package Teams would accept; <see cref="Errors"/> says why, one setting at a time.</summary>
public sealed class InvalidTeamsAppSettingsException(IReadOnlyList<TeamsAppSettingError> errors)
    : Exception("The Teams app settings are invalid: " + string.Join(" ", errors.Select(e => e + ".")))
{
    public IReadOnlyList<TeamsAppSettingError> Errors { get; } = errors;
}
