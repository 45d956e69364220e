namespace NewsBot.Teams.Manifest;

/// <summary>A command the manifest declares: Teams offers its title, with the description, as the user types.</summary>
public sealed record TeamsBotCommand(string Title, string Description);
