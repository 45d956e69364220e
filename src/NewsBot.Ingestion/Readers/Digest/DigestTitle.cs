using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers.Digest;

/// <summary>What a digest's front matter title says: the newsletter it belongs to and its issue number.</summary>
internal static partial class DigestTitle
{
    public const string LastWeekInAi = "Last Week in AI";
    public const string SkynetThisWeek = "Skynet This Week";

    /// <summary>"Skynet This Week #10: …" and the "Skynet This Year" round-up are Skynet Today's; everything else is Last Week in AI.</summary>
    public static string Publication(string title) =>
        title.TrimStart().StartsWith("Skynet This", StringComparison.OrdinalIgnoreCase) ? SkynetThisWeek : LastWeekInAi;

    public static int? IssueNumber(string title) =>
        IssueMark().Match(title) is { Success: true } m && int.TryParse(m.Groups[1].Value, out var n) ? n : null;

    [GeneratedRegex(@"#\s*(\d{1,5})\b")]
    private static partial Regex IssueMark();
}
