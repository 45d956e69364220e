namespace NewsBot.Ingestion.Readers.Transcript;

/// <summary>A sentence of the rejoined transcript: the unit segment boundaries snap to.</summary>
internal sealed record Sentence(int Start, int End, string Text, int WordCount);
