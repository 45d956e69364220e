namespace NewsBot.Index.Lexical;

// Placeholder until the store branch lands.
public static class LexicalAnalyzer
{
    public static IReadOnlyList<string> Analyze(string text) => text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    public static bool IsStopWord(string term) => false;
}
