using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NewsBot.Conversation.Answering;
using NewsBot.Domain;
using NewsBot.Teams.Protocol;

namespace NewsBot.Teams.Rendering;

/// <summary>
/// The engine's <see cref="Answer"/> as a Teams message: markdown text whose <c>[n]</c> markers Teams turns into
/// citation pills, the "AI generated" label, a citation entity per marker (title, extract, link), and 👍/👎
/// feedback. Limits are Teams' (name 80 characters, abstract 160, 3 keywords of 28). The text is corpus text, so
/// angle brackets are escaped: Teams renders some HTML in messages, and a story must not become markup or a mention.
/// Follow-up questions are not attached as suggested actions: Teams' renderer (as its Agents Playground shows) then
/// drops the message's formatting and citation pills.
/// </summary>
public static partial class AnswerActivity
{
    /// <summary>Teams shows at most this many citations on one message; markers beyond it are dropped from the text.</summary>
    public const int MaxCitations = 10;
    public const int MaxNameLength = 80;
    public const int MaxAbstractLength = 160;
    public const int MaxKeywordLength = 28;

    public static Activity Create(Answer answer)
    {
        var shown = answer.Citations.Where(c => c.Number is >= 1 and <= MaxCitations).ToList();
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            TextFormat = "markdown",
            Text = LoosenLists(EscapeMarkup(KeepMarkers(answer.Text, shown.Select(c => c.Number).ToHashSet()))),
            Entities = [EntityJson.ToJson(AiEntity(shown))],
            // Teams shows 👍/👎 under the message and sends the reader's choice as a message/submitAction invoke.
            ChannelData = new JsonObject { ["feedbackLoopEnabled"] = true },
        };
        return activity;
    }

    public static AiMessageEntity AiEntity(IReadOnlyList<Citation> citations) => new()
    {
        AdditionalType = ["AIGeneratedContent"],
        Citation = citations.Count == 0 ? null : citations.Select(ToClaim).ToList(),
    };

    public static ClaimCitation ToClaim(Citation citation) => new()
    {
        Position = citation.Number,
        Appearance = new CitationAppearance
        {
            Name = AnswerWording.Shorten(citation.Title, MaxNameLength),
            Abstract = AnswerWording.Shorten(citation.Quote, MaxAbstractLength),
            Url = citation.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? url : null,
            Keywords = Keywords(citation),
        },
    };

    private static List<string>? Keywords(Citation citation)
    {
        var keywords = new List<string>(2);
        if (!string.IsNullOrWhiteSpace(citation.Publication)) keywords.Add(AnswerWording.Shorten(citation.Publication, MaxKeywordLength));
        if (citation.Date is { } date) keywords.Add(date.ToString("d MMM yyyy", CultureInfo.InvariantCulture));
        return keywords.Count == 0 ? null : keywords;
    }

    /// <summary>Removes <c>[n]</c> markers with no citation entity, which Teams would show as bare text.</summary>
    private static string KeepMarkers(string text, HashSet<int> shown) =>
        Marker().Replace(text, m => shown.Contains(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)) ? m.Value : "");

    /// <summary>
    /// A blank line between list items makes each a paragraph: Teams' renderer turns <c>[n]</c> into a citation pill
    /// only inside paragraphs, so in a tight list the markers would stay bare text.
    /// </summary>
    internal static string LoosenLists(string text) => TightListItem().Replace(text, "\n\n$1");

    internal static string EscapeMarkup(string text) => text.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    [GeneratedRegex(@"(?<!\n)\n([-*] |\d+\. )")]
    private static partial Regex TightListItem();

    [GeneratedRegex(@"\[(\d{1,4})\]")]
    private static partial Regex Marker();
}
