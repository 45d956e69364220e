using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers.Digest;

/// <summary>What a digest's file name says: "YYYY-MM-DD-N.md" gives the publication date and issue number.</summary>
internal static partial class DigestFileName
{
    /// <summary>Null when the name has no date, or an impossible one ("2021-2-29-105.md"): a date is never guessed.</summary>
    public static DateOnly? Date(string fileName)
    {
        var m = DatePrefix().Match(fileName);
        if (!m.Success) return null;
        var (year, month, day) = (int.Parse(m.Groups["y"].Value), int.Parse(m.Groups["m"].Value), int.Parse(m.Groups["d"].Value));
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    /// <summary>Only a purely numeric suffix is an issue number: "2021-01-25-100_analysis.md" is not issue 100.</summary>
    public static int? IssueNumber(string fileName) =>
        IssueName().Match(fileName) is { Success: true } m && int.TryParse(m.Groups[1].Value, out var n) ? n : null;

    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})-")]
    private static partial Regex DatePrefix();

    [GeneratedRegex(@"^\d{4}-\d{1,2}-\d{1,2}-(\d{1,5})\.md$", RegexOptions.IgnoreCase)]
    private static partial Regex IssueName();
}
