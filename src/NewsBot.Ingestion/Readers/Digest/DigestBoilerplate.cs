using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers.Digest;

/// <summary>
/// What in a digest is not news: sign-offs, subscribe and podcast plugs, editors' placeholders that were never
/// filled in, and whole sections that only embed tweets, memes or the podcast player.
/// </summary>
internal static partial class DigestBoilerplate
{
    // Sign-offs and plugs are short; checking only short lines keeps the patterns off the long paragraphs.
    private const int MaxBoilerplateLength = 300;

    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "one paragraph summary", "none", "no summary available", "summary", "tbd", "todo", "title",
        "image source link", "link", "author", "source name", "nan", "null",
    };

    private static readonly HashSet<string> NonNewsSections = new(StringComparer.OrdinalIgnoreCase)
    {
        "podcast", "favourite tweet", "favorite tweet", "favorite meme", "favourite meme", "favorite goof", "the memes",
    };

    /// <summary>A whole line that only signs off or advertises the newsletter or podcast.</summary>
    public static bool IsBoilerplateLine(string line) =>
        line.Length <= MaxBoilerplateLength
        && (BoilerplateLine().IsMatch(line) || line.Contains("give us a shout on twitter", StringComparison.OrdinalIgnoreCase));

    /// <summary>Text an editor left as a stand-in ("one paragraph summary", "None", "&lt;Image Source Link&gt;").</summary>
    public static bool IsPlaceholder(string text)
    {
        if (text.Length > 40) return false;
        var core = text.Trim().Trim('<', '>', '"', '“', '”', '.', ' ', '*', '_');
        return core.Length == 0 || Placeholders.Contains(core);
    }

    public static bool IsNonNewsSection(string heading) => NonNewsSections.Contains(heading.Trim());

    /// <summary>The label that introduces a story's list of further coverage ("Related:", "More on this:", "Sources:").</summary>
    public static bool IsRelatedLabel(string line) => line.Length <= 60 && RelatedLabel().IsMatch(line);

    [GeneratedRegex(
        @"^[\s*_>]*(?:that'?s all for this (?:week|digest)|copyright\b.*\ball rights reserved|check out our (?:weekly )?podcast|subscribe\b|if you enjoyed this piece|want more\b.*sign up|if you are not subscribed)" +
        @"|^(?:\s*\[(?:website|rss|itunes|spotify|youtube|apple podcasts|google podcasts)\]\([^)]*\)\s*(?:\\?\|\s*)?)+$",
        RegexOptions.IgnoreCase)]
    private static partial Regex BoilerplateLine();

    [GeneratedRegex(@"^[\s*_]*(?:related(?: \w+)?|more on this|(?:other )?sources?|more coverage of this (?:major )?story)\s*:[\s*_]*$", RegexOptions.IgnoreCase)]
    private static partial Regex RelatedLabel();
}
