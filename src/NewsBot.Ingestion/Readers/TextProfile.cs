using System.Text.RegularExpressions;

namespace NewsBot.Ingestion.Readers;

/// <summary>
/// A few measurements of a plain text's shape that the plain-text readers weigh in their <c>Confidence</c>:
/// a newsletter and a speech transcript are both "just text", and only these features tell them apart.
/// </summary>
internal sealed partial record TextProfile
{
    private const int SampleLength = 20_000;
    private const int GreetingLength = 2_000;

    public required bool IsEmpty { get; init; }
    public required bool IsBinary { get; init; }
    /// <summary>Starts with a YAML front matter fence: a Jekyll digest, which neither plain-text reader handles.</summary>
    public required bool HasFrontMatter { get; init; }
    /// <summary>
    /// Share of lines longer than 200 characters that stop without terminal punctuation and go on in the next line:
    /// a captioning tool wrapping speech mid-sentence. (A paragraph an export broke in two is followed by a blank.)
    /// </summary>
    public required double BrokenLongLineShare { get; init; }
    /// <summary>Spoken fillers and first-person dialogue ("I think", "you know", "yeah") per thousand words.</summary>
    public required double ConversationalPerThousandWords { get; init; }
    /// <summary>"welcome to the … podcast / show / episode" near the start.</summary>
    public required bool HasShowGreeting { get; init; }

    public bool IsReadableText => !IsEmpty && !IsBinary;

    public static TextProfile Of(string text)
    {
        // The shape of a text shows in its first pages; a long transcript need not be scanned whole.
        var sample = text.Length > SampleLength ? text[..SampleLength] : text;
        var lines = sample.Split('\n').Select(l => l.Trim()).ToList();
        var longLines = Enumerable.Range(0, lines.Count).Where(i => lines[i].Length > 200).ToList();
        var brokenLongLines = longLines.Count(i => !TerminalPunctuation().IsMatch(lines[i]) && i + 1 < lines.Count && lines[i + 1].Length > 0);
        var words = WordPattern().Count(sample);
        return new TextProfile
        {
            IsEmpty = string.IsNullOrWhiteSpace(text),
            IsBinary = LooksBinary(sample),
            HasFrontMatter = text.TrimStart('\uFEFF').TrimStart('\r', '\n').StartsWith("---", StringComparison.Ordinal),
            BrokenLongLineShare = longLines.Count == 0 ? 0 : brokenLongLines / (double)longLines.Count,
            ConversationalPerThousandWords = words == 0 ? 0 : ConversationalMarker().Count(sample) * 1000.0 / words,
            HasShowGreeting = ShowGreeting().IsMatch(text.Length > GreetingLength ? text[..GreetingLength] : text),
        };
    }

    /// <summary>NULs or many control characters mean the bytes were never text.</summary>
    private static bool LooksBinary(string sample)
    {
        if (sample.Contains('\0')) return true;
        var controls = sample.Count(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'));
        return sample.Length > 0 && controls > sample.Length * 0.02;
    }

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[.!?:;""”’)\]]\s*$")]
    private static partial Regex TerminalPunctuation();

    [GeneratedRegex(@"\b(?:I think|you know|yeah|I mean|right\?|kind of|sort of|we're|let's|I'm|I guess|anyway)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ConversationalMarker();

    [GeneratedRegex(@"\bwelcome (?:back )?to (?:the )?.{0,60}?\b(?:podcast|show|episode)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ShowGreeting();
}
