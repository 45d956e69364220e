using System.Text.RegularExpressions;

namespace NewsBot.Teams.Manifest;

/// <summary>
/// What a NewsBot Teams app package says about the app: its bot, names, descriptions, developer and version.
/// The limits are the app manifest schema's; <see cref="Validate"/> checks them before anything is written, because
/// Teams rejects a package that breaks one with little indication of which.
/// </summary>
public sealed partial record TeamsAppSettings
{
    public const int ShortNameMaxLength = 30;
    public const int FullNameMaxLength = 100;
    public const int ShortDescriptionMaxLength = 80;
    public const int FullDescriptionMaxLength = 4000;
    public const int DeveloperNameMaxLength = 32;
    public const int UrlMaxLength = 2048;
    public const int MaxValidDomains = 16;

    /// <summary>Stands in for the developer's website when none is given: Teams needs one, side-loading does not check it.</summary>
    public const string PlaceholderWebsiteUrl = "https://example.com/newsbot";

    /// <summary>The Microsoft App ID of the Azure Bot registration: the bot's id, and the app's id too.</summary>
    public required string AppId { get; init; }

    public string ShortName { get; init; } = "NewsBot";
    /// <summary>Shown where there is room; the short name when not set.</summary>
    public string? FullName { get; init; }

    public string ShortDescription { get; init; } = "Answers questions about AI news, citing the stories it draws on.";
    public string FullDescription { get; init; } =
        "NewsBot answers questions about AI news from the newsletters, digests and podcast transcripts it has read, "
        + "and cites the stories every answer comes from. Ask in your own words, e.g. \"What did OpenAI announce this week?\", "
        + "then follow up. Commands: help (what NewsBot can do), latest (the newest stories, optionally on a topic: "
        + "latest robotics), new (start a new conversation).";

    public string DeveloperName { get; init; } = "NewsBot";
    public string WebsiteUrl { get; init; } = PlaceholderWebsiteUrl;
    /// <summary>The website when not set.</summary>
    public string? PrivacyUrl { get; init; }
    /// <summary>The website when not set.</summary>
    public string? TermsUrl { get; init; }

    /// <summary>MAJOR.MINOR.PATCH; Teams replaces an uploaded app only with a higher version.</summary>
    public string Version { get; init; } = "1.0.0";

    /// <summary>Further domains the app may open; a bot that only chats needs none.</summary>
    public IReadOnlyList<string> ValidDomains { get; init; } = [];

    public string EffectiveFullName => string.IsNullOrWhiteSpace(FullName) ? ShortName : FullName;
    public string EffectivePrivacyUrl => string.IsNullOrWhiteSpace(PrivacyUrl) ? WebsiteUrl : PrivacyUrl;
    public string EffectiveTermsUrl => string.IsNullOrWhiteSpace(TermsUrl) ? WebsiteUrl : TermsUrl;

    /// <summary>The app id in the manifest's form (lower-case, hyphenated); valid settings only.</summary>
    public string NormalizedAppId => Guid.ParseExact(AppId.Trim(), "D").ToString("D");

    public IReadOnlyList<TeamsAppSettingError> Validate()
    {
        var errors = new List<TeamsAppSettingError>();
        void Check(string setting, string? problem)
        {
            if (problem is not null) errors.Add(new TeamsAppSettingError(setting, problem));
        }

        Check(nameof(AppId), AppIdProblem(AppId));
        Check(nameof(ShortName), TextProblem(ShortName, ShortNameMaxLength));
        if (!string.IsNullOrWhiteSpace(FullName)) Check(nameof(FullName), TextProblem(FullName, FullNameMaxLength));
        Check(nameof(ShortDescription), TextProblem(ShortDescription, ShortDescriptionMaxLength));
        Check(nameof(FullDescription), TextProblem(FullDescription, FullDescriptionMaxLength));
        Check(nameof(DeveloperName), TextProblem(DeveloperName, DeveloperNameMaxLength));
        Check(nameof(WebsiteUrl), HttpsUrlProblem(WebsiteUrl));
        if (!string.IsNullOrWhiteSpace(PrivacyUrl)) Check(nameof(PrivacyUrl), HttpsUrlProblem(PrivacyUrl));
        if (!string.IsNullOrWhiteSpace(TermsUrl)) Check(nameof(TermsUrl), HttpsUrlProblem(TermsUrl));
        Check(nameof(Version), VersionPattern().IsMatch(Version ?? "") ? null
            : $"must be MAJOR.MINOR.PATCH, e.g. 1.0.1 (it is \"{Version}\")");
        Check(nameof(ValidDomains), ValidDomains.Count > MaxValidDomains ? $"may list at most {MaxValidDomains} domains (it lists {ValidDomains.Count})" : null);
        foreach (var domain in ValidDomains) Check(nameof(ValidDomains), DomainProblem(domain));
        return errors;
    }

    /// <summary>Throws <see cref="InvalidTeamsAppSettingsException"/> unless the settings are valid.</summary>
    public void EnsureValid()
    {
        if (Validate() is { Count: > 0 } errors) throw new InvalidTeamsAppSettingsException(errors);
    }

    private static string? AppIdProblem(string? appId)
    {
        const string what = "must be a GUID, the Microsoft App ID of the bot's Azure Bot resource, e.g. 0b7e6c1a-3f4d-4c2b-9a8e-5d6f7a8b9c0d";
        if (!Guid.TryParseExact(appId?.Trim(), "D", out var id)) return $"{what} (it is \"{appId}\")";
        return id == Guid.Empty ? $"{what}, not the empty GUID" : null;
    }

    private static string? TextProblem(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text)) return "must not be empty";
        // The schema's maxLength counts characters (code points), not UTF-16 units.
        var length = text.EnumerateRunes().Count();
        return length > maxLength ? $"must be at most {maxLength} characters (it is {length})" : null;
    }

    private static string? HttpsUrlProblem(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.Host.Length == 0)
            return $"must be an absolute https:// URL (it is \"{url}\")";
        return url.Length > UrlMaxLength ? $"must be at most {UrlMaxLength} characters (it is {url.Length})" : null;
    }

    // A host name Teams may open, optionally "*." for its subdomains: no scheme, no path (e.g. news.example.org).
    private static string? DomainProblem(string? domain)
    {
        var host = domain?.StartsWith("*.", StringComparison.Ordinal) == true ? domain[2..] : domain;
        if (string.IsNullOrWhiteSpace(host) || domain!.Length > UrlMaxLength || Uri.CheckHostName(host) != UriHostNameType.Dns || !host.Contains('.'))
            return $"must hold host names such as news.example.org or *.example.org, without https:// or a path (one is \"{domain}\")";
        return null;
    }

    [GeneratedRegex(@"^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})$")]
    private static partial Regex VersionPattern();
}
