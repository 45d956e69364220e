using System.Diagnostics;
using System.Numerics.Tensors;
using System.Text.Json;
using NewsBot.Testing;

namespace NewsBot.Cli.Tests;

/// <summary><c>newsbot embed --jsonl</c>: the line contract other tools rely on, checked against the TF.js reference.</summary>
public sealed class EmbedCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Each_input_line_gives_text_ids_and_embedding_matching_the_reference()
    {
        var reference = File.ReadLines(Path.Combine(SharedData.Reference, "use-lite", "reference.jsonl")).Take(5)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var input = string.Join('\n', reference.Select(r => JsonSerializer.Serialize(new { text = r.GetProperty("text").GetString() })));

        var (code, stdout, _) = await EmbedAsync(input);

        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(reference.Count, lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            Assert.Equal(reference[i].GetProperty("text").GetString(), lines[i].GetProperty("text").GetString());
            Assert.Equal(Ints(reference[i].GetProperty("ids")), Ints(lines[i].GetProperty("ids")));
            var expected = Floats(reference[i].GetProperty("embedding"));
            var actual = Floats(lines[i].GetProperty("embedding"));
            Assert.Equal(512, actual.Length);
            Assert.True(TensorPrimitives.CosineSimilarity(expected, actual) >= 0.999f);
        }
    }

    [Fact]
    public async Task A_malformed_line_is_reported_by_number_and_the_rest_is_embedded()
    {
        var (code, stdout, stderr) = await EmbedAsync("{\"text\":\"first\"}\nnot json\n{\"title\":\"no text\"}\n{\"text\":\"last\"}\n");

        Assert.Equal(1, code);
        Assert.Contains("line 2", stderr);
        Assert.Contains("line 3", stderr);
        var texts = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString());
        Assert.Equal(["first", "last"], texts);
    }

    [Fact]
    public async Task Without_jsonl_it_explains_the_format()
    {
        var (code, _, stderr) = await EmbedAsync("", "embed");
        Assert.Equal(2, code);
        Assert.Contains("--jsonl", stderr);
    }

    [Fact]
    public async Task An_unknown_model_says_how_to_list_the_known_ones()
    {
        var (code, _, stderr) = await EmbedAsync("{\"text\":\"x\"}", "embed", "--jsonl", "--model", "no-such-model");
        Assert.Equal(2, code);
        Assert.Contains("models list", stderr);
    }

    private async Task<(int Code, string Stdout, string Stderr)> EmbedAsync(string input, params string[] args)
    {
        using var process = Process.Start(CliRunner.StartInfo(_dir.Path, null, args.Length == 0 ? ["embed", "--jsonl"] : args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();
    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(e => e.GetSingle()).ToArray();
}
