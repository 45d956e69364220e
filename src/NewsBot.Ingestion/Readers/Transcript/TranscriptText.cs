using System.Text;

namespace NewsBot.Ingestion.Readers.Transcript;

/// <summary>
/// A transcript as one continuous text. Its line breaks fall wherever the captioning tool wrapped, mid-sentence
/// more often than not, so they carry no meaning: every run of whitespace becomes one space. Segment offsets
/// (<c>ParsedStory.StartOffset</c>) count characters in this text.
/// </summary>
public static class TranscriptText
{
    public static string Rejoin(string raw)
    {
        var text = new StringBuilder(raw.Length);
        var pendingSpace = false;
        foreach (var c in raw)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = text.Length > 0;
                continue;
            }
            if (pendingSpace) text.Append(' ');
            pendingSpace = false;
            text.Append(c);
        }
        return text.ToString();
    }
}
