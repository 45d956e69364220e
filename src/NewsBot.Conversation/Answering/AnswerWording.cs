using System.Globalization;

namespace NewsBot.Conversation.Answering;

/// <summary>How answers write dates and long titles, the same everywhere (adapters shorten to their platform's limits with it too).</summary>
public static class AnswerWording
{
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Shorten(string text, int max = 80) => text.Length <= max ? text : text[..(max - 3)].TrimEnd() + "…";
}
