using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers.Newsletter;

/// <summary>
/// What a newsletter is called. Only the text can say: its self-introduction ("Welcome to X newsletter"), or a
/// masthead title "Name: headline". A newsletter that never names itself gets a neutral description of what it
/// says it is ("Daily AI newsletter") rather than a guessed brand.
/// </summary>
internal static partial class PublicationName
{
    private const int MaxNameWords = 4;

    /// <param name="title">The document's first line.</param>
    /// <param name="titleIsHeadline">The first line is a story's headline (a daily's lead story), not a masthead.</param>
    /// <param name="preamble">The text before the first story, where newsletters describe themselves.</param>
    public static string From(string title, bool titleIsHeadline, string preamble)
    {
        if (SelfIntroduction().Match(preamble) is { Success: true } intro) return intro.Groups["name"].Value.Trim();
        if (!titleIsHeadline && Masthead().Match(title) is { Success: true } masthead
            && masthead.Groups["name"].Value.Split(' ').Length <= MaxNameWords)
            return masthead.Groups["name"].Value.Trim();
        return Cadence().Match(preamble) is { Success: true } cadence
            ? char.ToUpperInvariant(cadence.Groups["cadence"].Value[0]) + cadence.Groups["cadence"].Value[1..].ToLowerInvariant() + " AI newsletter"
            : "AI newsletter";
    }

    [GeneratedRegex(@"\b[Ww]elcome (?:back )?to (?:the )?(?<name>\p{Lu}[^.,!\n]{1,50}?) [Nn]ewsletter\b")]
    private static partial Regex SelfIntroduction();

    [GeneratedRegex(@"^(?<name>\p{Lu}[^:|–—]{1,40}?)\s*[:|–—]\s+\S")]
    private static partial Regex Masthead();

    // "I publish this newletter daily", "a weekly newsletter": the typo is in the wild.
    [GeneratedRegex(@"\bnews?letter\b[^.\n]{0,30}?\b(?<cadence>daily|weekly|monthly)\b|\b(?<cadence>daily|weekly|monthly)\b[^.\n]{0,20}?\bnews?letter\b", RegexOptions.IgnoreCase)]
    private static partial Regex Cadence();
}
