using System.Globalization;
using NewsBot.Conversation.Answering;
using NewsBot.Discord.Model;
using NewsBot.Domain;

namespace NewsBot.Discord.Rendering;

/// <summary>
/// The engine's <see cref="Answer"/> as Discord messages: the text (with its <c>[n]</c> markers) in an embed, one
/// field per source (title, publication and date, and the link written <c>&lt;url&gt;</c> so Discord never unfurls
/// it), and the buttons Sources, 👍 and 👎. Within Discord's limits: a long answer continues in further embeds and,
/// past 10 embeds or 6,000 characters, further messages; only the last message carries the buttons. Mentions in
/// corpus text never ping: every message goes out with <c>allowed_mentions: {"parse": []}</c>.
/// </summary>
public static class AnswerMessages
{
    public const int Accent = 0x6D28D9;
    public const string SourcesButton = "nb:sources:";
    public const string UpButton = "nb:up:";
    public const string DownButton = "nb:down:";
    private const int FooterRoom = 120;

    public static IReadOnlyList<MessageCreate> Render(Answer answer)
    {
        var embeds = new List<Embed>();
        var chunks = Split(answer.Text, DiscordLimits.EmbedDescription);
        for (var i = 0; i < chunks.Count; i++)
            embeds.Add(new Embed { Description = chunks[i], Color = Accent });
        // Sources go on the last text embed while it has room, then on embeds of their own (25 fields, and room for the footer).
        var room = DiscordLimits.EmbedsTotal - FooterRoom;
        foreach (var field in answer.Citations.Select(SourceField))
        {
            var last = embeds[^1];
            var size = field.Name.Length + field.Value.Length;
            if ((last.Fields?.Count ?? 0) == DiscordLimits.EmbedFields || Size(last) + size > room)
                embeds.Add(last = new Embed { Color = Accent });
            (last.Fields ??= []).Add(field);
        }
        embeds[^1].Footer = new EmbedFooter { Text = answer.Abstained ? "NewsBot found nothing on this in its sources." : $"NewsBot · {Sources(answer.Citations.Count)} · rate this answer below" };

        var messages = Pack(embeds);
        if (answer.Id.Length > 0) messages[^1].Components = [Buttons(answer)];
        return messages;
    }

    /// <summary><c>/sources</c> and the Sources button: every source in full, with the sentence the answer quotes.</summary>
    public static IReadOnlyList<MessageCreate> Sources(Answer answer, bool ephemeral)
    {
        var fields = answer.Citations.Select(c =>
        {
            var field = SourceField(c);
            field.Value = Shorten($"> {c.Quote}\n{field.Value}", DiscordLimits.FieldValue);
            return field;
        }).ToList();
        var embeds = new List<Embed> { new() { Title = "Sources", Color = Accent } };
        if (fields.Count == 0) embeds[0].Description = "That answer cited no sources.";
        foreach (var field in fields)
        {
            var last = embeds[^1];
            if ((last.Fields?.Count ?? 0) == DiscordLimits.EmbedFields || Size(last) + field.Name.Length + field.Value.Length > DiscordLimits.EmbedsTotal)
                embeds.Add(last = new Embed { Color = Accent });
            (last.Fields ??= []).Add(field);
        }
        var messages = Pack(embeds);
        if (ephemeral) foreach (var m in messages) m.Flags = MessageFlags.Ephemeral;
        return messages;
    }

    public static MessageCreate Text(string text, bool ephemeral = false) => new()
    {
        Content = Shorten(text, DiscordLimits.Content),
        Flags = ephemeral ? MessageFlags.Ephemeral : null,
    };

    public static ActionRow Buttons(Answer answer) => new()
    {
        Components =
        [
            new Button { Style = 2, Label = "Sources", CustomId = SourcesButton + answer.Id },
            new Button { Style = 2, Emoji = new PartialEmoji { Name = "👍" }, CustomId = UpButton + answer.Id },
            new Button { Style = 2, Emoji = new PartialEmoji { Name = "👎" }, CustomId = DownButton + answer.Id },
        ],
    };

    private static EmbedField SourceField(Citation c)
    {
        var line = string.Join(" · ", new[] { c.Publication, c.Date?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (c.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http") line += $"\n<{url}>";
        return new EmbedField { Name = Shorten($"[{c.Number}] {c.Title}", DiscordLimits.FieldName), Value = Shorten(line.Length == 0 ? "—" : line, DiscordLimits.FieldValue) };
    }

    /// <summary>Embeds into messages of at most 10 embeds and 6,000 characters each.</summary>
    private static List<MessageCreate> Pack(List<Embed> embeds)
    {
        var messages = new List<MessageCreate> { new() { Embeds = [] } };
        var size = 0;
        foreach (var embed in embeds)
        {
            var current = messages[^1];
            if (current.Embeds!.Count == DiscordLimits.EmbedsPerMessage || (current.Embeds.Count > 0 && size + Size(embed) > DiscordLimits.EmbedsTotal))
            {
                messages.Add(current = new MessageCreate { Embeds = [] });
                size = 0;
            }
            current.Embeds!.Add(embed);
            size += Size(embed);
        }
        return messages;
    }

    public static int Size(Embed e) => (e.Title?.Length ?? 0) + (e.Description?.Length ?? 0) + (e.Footer?.Text.Length ?? 0)
        + (e.Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0);

    /// <summary>Text in pieces of at most <paramref name="max"/>, cut at a paragraph, line or sentence end when there is one.</summary>
    internal static List<string> Split(string text, int max)
    {
        var pieces = new List<string>();
        var rest = text.Trim();
        while (rest.Length > max)
        {
            var window = rest[..max];
            var cut = new[] { window.LastIndexOf("\n\n", StringComparison.Ordinal), window.LastIndexOf('\n'), window.LastIndexOf(". ", StringComparison.Ordinal) + 1 }
                .FirstOrDefault(i => i > max / 2, max);
            pieces.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }
        pieces.Add(rest.Length == 0 ? "…" : rest);
        return pieces;
    }

    private static string Sources(int n) => n == 1 ? "1 source" : $"{n} sources";

    private static string Shorten(string text, int max) => AnswerWording.Shorten(text, max);
}
