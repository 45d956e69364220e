using System.Text.RegularExpressions;
using NewsBot.Domain;

namespace NewsBot.Index.Sqlite.Tests;

/// <summary>Documents and stories for tests: a story's passages are its sentences.</summary>
internal static partial class TestData
{
    public static DocumentRecord Document(string path, DateOnly? date = null, string publication = "Last Week in AI",
        DocumentKind kind = DocumentKind.Digest, string? hash = null) => new()
    {
        Path = path,
        ContentHash = hash ?? "hash-of-" + path,
        Title = "Title of " + path,
        Publication = publication,
        Kind = kind,
        Date = date,
        Url = "https://example.com/" + path,
        IssueNumber = 7,
    };

    public static StoryRecord Story(string title, string text, string? url = null, DateOnly? date = null, string? id = null) => new()
    {
        Id = id ?? StoryKey.For(url, title, text),
        Title = title,
        Text = text,
        Url = url,
        Date = date,
        Section = "Top News",
        SourceNames = ["TechCrunch", "The Verge"],
        Related = [new Link("Background", "https://example.com/background")],
        StartOffset = 12,
        Passages = Sentences(text),
    };

    public static IReadOnlyList<PassageRecord> Sentences(string text) =>
        SentenceEnd().Matches(text).Select((m, i) => new PassageRecord(i, m.Index, m.Length, m.Value)).ToList();

    public static DateOnly Day(int year, int month, int day) => new(year, month, day);

    [GeneratedRegex(@"[^.!?]+[.!?]*")]
    private static partial Regex SentenceEnd();
}
