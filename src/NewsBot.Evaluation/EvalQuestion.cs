using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsBot.Evaluation;

/// <summary>One line of a question set (see shared/eval/README.md).</summary>
public sealed record EvalQuestion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("evidence")] IReadOnlyList<string> Evidence,
    [property: JsonPropertyName("kind")] string Kind)
{
    public const string Unanswerable = "unanswerable";
    public bool IsUnanswerable => Kind == Unanswerable;

    public static IReadOnlyList<EvalQuestion> Load(string path)
    {
        var questions = new List<EvalQuestion>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                questions.Add(JsonSerializer.Deserialize<EvalQuestion>(line) ?? throw new JsonException("null"));
            }
            catch (JsonException e)
            {
                throw new FormatException($"{path}:{lineNumber}: not a question object ({e.Message})", e);
            }
        }
        return questions;
    }
}
