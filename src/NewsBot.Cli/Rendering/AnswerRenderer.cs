using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using NewsBot.Domain;
using Spectre.Console;

namespace NewsBot.Cli.Rendering;

/// <summary>Shows an <see cref="Answer"/> in the terminal, or as JSON for other tools.</summary>
public static class AnswerRenderer
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="textShown">The text already went out as it streamed: only what follows it is written.</param>
    public static void Write(IAnsiConsole console, Answer answer, bool textShown = false)
    {
        // Corpus text may contain [brackets]: everything from the index is escaped, never interpreted as markup.
        console.WriteLine();
        if (!textShown) console.MarkupLine(Markup.Escape(answer.Text));
        else console.WriteLine();
        if (answer.Author == AnswerAuthor.ExtractiveFallback)
            console.MarkupLine($"[grey](Quoted from the sources: {Markup.Escape(answer.FallbackReason ?? "the language model's answer was not used")}.)[/]");
        if (answer.Citations.Count > 0)
        {
            console.WriteLine();
            console.MarkupLine("[bold]Sources[/]");
            foreach (var c in answer.Citations)
            {
                var meta = string.Join(", ", new[] { c.Publication, c.Date?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) }.Where(s => !string.IsNullOrEmpty(s)));
                console.MarkupLine($"  [bold][[{c.Number}]][/] {Markup.Escape(c.Title)} [grey]({Markup.Escape(meta)})[/]");
                if (c.Url is not null) console.MarkupLine($"      [blue]{Markup.Escape(c.Url)}[/]");
            }
        }
        if (answer.FollowUps.Count > 0)
        {
            console.WriteLine();
            console.MarkupLine("[grey]You could also ask:[/]");
            foreach (var f in answer.FollowUps) console.MarkupLine($"  [grey]• {Markup.Escape(f)}[/]");
        }
        console.WriteLine();
    }

    public static string ToJson(Answer answer) => JsonSerializer.Serialize(answer, Json);
}
