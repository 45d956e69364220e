namespace NewsBot.Index.Lexical;

/// <summary>
/// Turns text into the terms keyword search matches on: Unicode-aware word split, case and diacritics folded,
/// Porter-stemmed. Every store analyses both passages and queries with this one class, so BM25 behaves the
/// same on the embedded store and on Qdrant's sparse vectors.
/// </summary>
public static class LexicalAnalyzer
{
    // Implemented with the store (see the store's issue notes).
}
