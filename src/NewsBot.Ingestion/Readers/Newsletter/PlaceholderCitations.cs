using System.Text;
using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers.Newsletter;

/// <summary>
/// Source credits whose links were lost on export: "[TechCrunch](#)", "([fda](#))", or a bare "(neurips)" after a
/// claim. They name a source but point nowhere, so they become <c>SourceNames</c> and leave the text, which must
/// read cleanly without them.
/// </summary>
internal sealed partial class PlaceholderCitations
{
    private readonly HashSet<string> _linkedNames;

    /// <param name="document">The whole text: a bare "(FDA)" counts as a credit when "[FDA](#)" appears anywhere.</param>
    public PlaceholderCitations(string document) =>
        _linkedNames = LinkPlaceholder().Matches(document).Select(m => m.Groups["name"].Value.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The line without its credits, and the names credited, in order.</summary>
    public (string Text, IReadOnlyList<string> Names) Extract(string line)
    {
        var names = new List<string>();
        var text = new StringBuilder(line.Length);
        var copied = 0;
        foreach (Match m in Candidate().Matches(line))
        {
            var name = m.Groups["name"].Value.Trim();
            if (!m.Groups["linked"].Success && !IsBareCredit(line, m, name)) continue;
            names.Add(name);
            text.Append(line, copied, m.Index - copied);
            copied = m.Index + m.Length;
            while (copied < line.Length && line[copied] == ' ') copied++;
            Rejoin(text, copied < line.Length ? line[copied] : (char?)null);
        }
        text.Append(line, copied, line.Length - copied);
        return (text.ToString().Trim(), names);
    }

    /// <summary>
    /// Closes the gap a removed credit leaves: nothing after a dash or before punctuation ("compute—the largest",
    /// "rollout and"), one space between words.
    /// </summary>
    private static void Rejoin(StringBuilder text, char? next)
    {
        while (text.Length > 0 && text[^1] == ' ') text.Length--;
        if (text.Length == 0 || next is null) return;
        if (text[^1] is '—' or '–' or '(' || next is '.' or ',' or ';' or ':' or '!' or '?' or ')') return;
        text.Append(' ');
    }

    /// <summary>
    /// "(neurips)" is a credit, "(DSA)" after "Sparse Attention" or "(constant)" is not: a bare parenthesis credits a
    /// source when it follows a finished clause or another credit, or names a source linked elsewhere.
    /// </summary>
    private bool IsBareCredit(string line, Match m, string name)
    {
        if (_linkedNames.Contains(name)) return true;
        if (!NameShape().IsMatch(name)) return false;
        var before = line.AsSpan(0, m.Index).TrimEnd(' ');
        return before.Length > 0 && before[^1] is '.' or ',' or ';' or '—' or '–' or ')' or '”' or '"';
    }

    [GeneratedRegex(@"\[(?<name>[^\[\]\n]{1,60})\]\(#\)")]
    private static partial Regex LinkPlaceholder();

    // A linked placeholder, optionally wrapped in parentheses, or a short bare parenthesis starting with a letter.
    [GeneratedRegex(@"\((?<linked>)\[(?<name>[^\[\]\n]{1,60})\]\(#\)\)|(?<linked>)\[(?<name>[^\[\]\n]{1,60})\]\(#\)|\((?<name>\p{L}[\p{L}\p{N}.&'’\- ]{0,40})\)")]
    private static partial Regex Candidate();

    // One token ("neurips", "HHS.gov", "Techequity-ai") or a capitalised name of up to four words ("Binary Verse AI").
    [GeneratedRegex(@"^(?:[\p{L}\p{N}.&'’\-]+|\p{Lu}[\p{L}\p{N}.&'’\-]*(?: [\p{L}\p{N}.&'’\-]+){1,3})$")]
    private static partial Regex NameShape();
}
