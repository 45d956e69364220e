using System.Text;

namespace NewsBot.Evaluation;

/// <summary>
/// "A piece of text supports the question when it contains at least one of the evidence strings (case-insensitive
/// substring, after the text has been repaired and normalised the way the bot stores it)". Stored text is already
/// repaired; both sides are NFKC-normalised, case-folded and whitespace-collapsed here.
/// </summary>
public static class EvidenceMatcher
{
    public static bool Supports(string text, IReadOnlyList<string> evidence)
    {
        if (evidence.Count == 0) return false;
        var haystack = Fold(text);
        return evidence.Any(e => Fold(e) is { Length: > 0 } needle && haystack.Contains(needle, StringComparison.Ordinal));
    }

    public static string Fold(string s)
    {
        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
