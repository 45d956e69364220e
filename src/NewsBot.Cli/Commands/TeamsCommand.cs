using System.CommandLine;
using Microsoft.Extensions.Configuration;
using NewsBot.Cli.Hosting;
using NewsBot.Teams.Manifest;
using Spectre.Console;

namespace NewsBot.Cli.Commands;

/// <summary>
/// <c>newsbot teams manifest [--app-id GUID] [--out FILE] [--name] [--developer] [--website] [--privacy-url]
/// [--terms-url] [--version] [--valid-domain]...</c>: the Teams app package (manifest and icons) to upload into Teams.
/// </summary>
public static class TeamsCommand
{
    public const string DefaultOut = "newsbot-teams.zip";
    public const string AppIdKey = "Teams:AppId";

    /// <param name="console">Where the command reports (default: the CLI's console).</param>
    /// <param name="configuration">The configuration <c>Teams:AppId</c> is read from (default: NewsBot's, with the command line's overrides).</param>
    public static Command Create(IAnsiConsole? console = null, Func<ParseResult, IConfiguration>? configuration = null) =>
        new("teams", "Microsoft Teams: the app package that installs NewsBot in Teams")
        {
            Manifest(console ?? CommandContext.Console, configuration ?? (parse => NewsBotConfiguration.Build(CommandContext.Overrides(parse)))),
        };

    private static Command Manifest(IAnsiConsole console, Func<ParseResult, IConfiguration> configuration)
    {
        var appId = new Option<string?>("--app-id") { Description = $"The bot's Microsoft App ID (a GUID) from its Azure Bot resource (default: {AppIdKey})" };
        var output = new Option<string>("--out") { Description = "The package file to write", DefaultValueFactory = _ => DefaultOut };
        var name = new Option<string?>("--name") { Description = $"The app's name in Teams, at most {TeamsAppSettings.ShortNameMaxLength} characters (default: NewsBot)" };
        var developer = new Option<string?>("--developer") { Description = $"Who publishes the app, at most {TeamsAppSettings.DeveloperNameMaxLength} characters (default: NewsBot)" };
        var website = new Option<string?>("--website") { Description = "The developer's https:// website (default: a placeholder, enough for side-loading)" };
        var privacy = new Option<string?>("--privacy-url") { Description = "The https:// privacy statement (default: the website)" };
        var terms = new Option<string?>("--terms-url") { Description = "The https:// terms of use (default: the website)" };
        var version = new Option<string?>("--version") { Description = "The app's version, MAJOR.MINOR.PATCH (default: 1.0.0); raise it to update an uploaded app" };
        var domains = new Option<string[]>("--valid-domain")
        {
            Description = "A further domain the app may open, e.g. news.example.org (repeatable; a bot that only chats needs none)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("manifest", "Write the Teams app package (manifest.json, color.png, outline.png) to upload in Teams")
        {
            appId, output, name, developer, website, privacy, terms, version, domains,
        };
        command.SetAction(parse =>
        {
            // The configuration is read only when it is needed, so that --app-id works even beside a broken appsettings.json.
            var fromOption = parse.GetValue(appId);
            var id = string.IsNullOrWhiteSpace(fromOption) ? configuration(parse)[AppIdKey] : fromOption;
            if (string.IsNullOrWhiteSpace(id))
            {
                console.MarkupLine($"[red]No bot app id.[/] Pass --app-id GUID (the Microsoft App ID of your Azure Bot resource) or set {AppIdKey} (NEWSBOT__TEAMS__APPID, or user secrets).");
                return CommandContext.UsageError;
            }
            var defaults = new TeamsAppSettings { AppId = id };
            var settings = defaults with
            {
                ShortName = parse.GetValue(name) ?? defaults.ShortName,
                DeveloperName = parse.GetValue(developer) ?? defaults.DeveloperName,
                WebsiteUrl = parse.GetValue(website) ?? defaults.WebsiteUrl,
                PrivacyUrl = parse.GetValue(privacy),
                TermsUrl = parse.GetValue(terms),
                Version = parse.GetValue(version) ?? defaults.Version,
                ValidDomains = parse.GetValue(domains) ?? [],
            };
            var appIdSource = string.IsNullOrWhiteSpace(fromOption) ? AppIdKey : "--app-id";
            return Write(console, settings, parse.GetValue(output)!, appIdSource);
        });
        return command;
    }

    private static int Write(IAnsiConsole console, TeamsAppSettings settings, string path, string appIdSource)
    {
        if (settings.Validate() is { Count: > 0 } errors)
        {
            console.MarkupLine("[red]The Teams app package was not written:[/]");
            foreach (var error in errors) console.MarkupLine("  [red]•[/] " + Markup.Escape($"{OptionName(error.Setting, appIdSource)} {error.Problem}."));
            return CommandContext.UsageError;
        }
        var fullPath = Path.GetFullPath(path);
        try
        {
            TeamsAppPackage.Write(fullPath, settings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.MarkupLine($"[red]Cannot write {Markup.Escape(fullPath)}:[/] {Markup.Escape(e.Message)} Choose another file with --out.");
            return CommandContext.SomeFailed;
        }
        console.MarkupLine($"[green]Wrote[/] {Markup.Escape(fullPath)}: {TeamsAppPackage.ManifestFile} (manifest {TeamsAppManifest.ManifestVersion}), "
            + $"{TeamsAppManifest.ColorIconFile} and {TeamsAppManifest.OutlineIconFile}.");
        console.MarkupLine(Markup.Escape($"App \"{settings.ShortName}\" version {settings.Version}, bot {settings.NormalizedAppId} in personal chat, teams and group chats; "
            + "commands: " + string.Join(", ", TeamsAppManifest.Commands.Select(c => c.Title)) + "."));
        if (settings.WebsiteUrl == TeamsAppSettings.PlaceholderWebsiteUrl)
            console.MarkupLine("[yellow]Note:[/] the developer website, privacy and terms URLs are a placeholder. That is fine for side-loading; "
                + "pass --website (and --privacy-url, --terms-url) before publishing the app to your organisation.");
        console.MarkupLine(Markup.Escape($"Next: in Microsoft Teams choose Apps → Manage your apps → Upload an app → Upload a custom app, and pick {Path.GetFileName(fullPath)}. "
            + "NewsBot answers there once its Azure Bot's messaging endpoint is https://YOUR-HOST/api/messages with the Microsoft Teams channel on "
            + "(README: Registering the bot in Azure Bot Service)."));
        return CommandContext.Ok;
    }

    private static string OptionName(string setting, string appIdSource) => setting switch
    {
        nameof(TeamsAppSettings.AppId) => appIdSource,
        nameof(TeamsAppSettings.ShortName) => "--name",
        nameof(TeamsAppSettings.DeveloperName) => "--developer",
        nameof(TeamsAppSettings.WebsiteUrl) => "--website",
        nameof(TeamsAppSettings.PrivacyUrl) => "--privacy-url",
        nameof(TeamsAppSettings.TermsUrl) => "--terms-url",
        nameof(TeamsAppSettings.Version) => "--version",
        nameof(TeamsAppSettings.ValidDomains) => "--valid-domain",
        _ => setting,
    };
}
