using System.CommandLine;
using System.Text.Json;
using NewsBot.Cli.Hosting;
using NewsBot.Embeddings;

namespace NewsBot.Cli.Commands;

/// <summary>
/// <c>newsbot embed [--model NAME] --jsonl</c>: reads <c>{"text": …}</c> lines on stdin and writes one
/// <c>{"text", "ids", "embedding"}</c> line per input line, in order. Other tools rely on this shape.
/// </summary>
public static class EmbedCommand
{
    private const int LinesPerBatch = 64;

    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "Embedding model id (default: Embeddings:Model, use-lite)" };
        var jsonl = new Option<bool>("--jsonl") { Description = "Read {\"text\": …} lines on stdin, write {\"text\", \"ids\", \"embedding\"} lines (required: the only format)" };
        var command = new Command("embed", "Embed texts from stdin with the configured model") { model, jsonl };
        command.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(jsonl))
            {
                Console.Error.WriteLine("newsbot embed: pass --jsonl (lines of {\"text\": \"…\"} on stdin). Example: echo '{\"text\":\"hello\"}' | ./newsbot embed --jsonl");
                return CommandContext.UsageError;
            }
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(model) is { Length: > 0 } name) overrides[$"{EmbeddingOptions.Section}:Model"] = name;
            EmbeddingOptions options;
            try
            {
                options = OptionsBinding.Bind<EmbeddingOptions>(NewsBotConfiguration.Build(overrides), EmbeddingOptions.Section, o => o.Validate());
            }
            catch (ConfigurationException e)
            {
                foreach (var error in e.Errors) Console.Error.WriteLine("newsbot embed: " + error);
                return CommandContext.UsageError;
            }
            if (!options.Enabled)
            {
                Console.Error.WriteLine("newsbot embed: embeddings are off (Embeddings:Model is \"none\"). Pass --model use-lite.");
                return CommandContext.UsageError;
            }
            using var embedder = EmbeddingModelOpener.OpenOrReport(options);
            if (embedder is null) return CommandContext.UsageError;
            return await EmbedLinesAsync(embedder, Console.In, Console.OpenStandardOutput(), ct);
        });
        return command;
    }

    /// <summary>Embeds each line; a malformed line is reported on stderr with its number and skipped (exit code 1).</summary>
    public static async Task<int> EmbedLinesAsync(IEmbeddingModel embedder, TextReader input, Stream output, CancellationToken ct)
    {
        var failures = 0;
        var lineNumber = 0;
        var batch = new List<string>(LinesPerBatch);
        await using var writer = new Utf8JsonWriter(output);
        while (true)
        {
            var line = await input.ReadLineAsync(ct);
            if (line is not null)
            {
                lineNumber++;
                if (line.Length == 0) continue;
                if (ReadText(line) is { } text) batch.Add(text);
                else
                {
                    failures++;
                    Console.Error.WriteLine($"newsbot embed: line {lineNumber} is not a JSON object with a string \"text\"; skipped.");
                }
            }
            if (batch.Count == LinesPerBatch || (line is null && batch.Count > 0))
            {
                await WriteBatchAsync(embedder, batch, writer, output, ct);
                batch.Clear();
            }
            if (line is null) break;
        }
        return failures == 0 ? CommandContext.Ok : CommandContext.SomeFailed;
    }

    private static string? ReadText(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
                ? text.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task WriteBatchAsync(IEmbeddingModel embedder, List<string> texts, Utf8JsonWriter writer, Stream output, CancellationToken ct)
    {
        var embeddings = await embedder.GenerateAsync(texts, cancellationToken: ct);
        for (var i = 0; i < texts.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("text", texts[i]);
            writer.WriteStartArray("ids");
            foreach (var id in embedder.Tokenize(texts[i])) writer.WriteNumberValue(id);
            writer.WriteEndArray();
            writer.WriteStartArray("embedding");
            foreach (var value in embeddings[i].Vector.Span) writer.WriteNumberValue(value);
            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(ct);
            writer.Reset();
            output.WriteByte((byte)'\n');
        }
        await output.FlushAsync(ct);
    }
}
