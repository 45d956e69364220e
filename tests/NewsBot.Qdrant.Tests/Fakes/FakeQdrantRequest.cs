namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// One request the fake Qdrant received: <paramref name="Query"/> is the raw query string (<c>?wait=true</c>, or empty),
/// <paramref name="Body"/> null when there was none, <paramref name="Status"/> the status answered (0: the connection was
/// dropped without an answer).
/// </summary>
public sealed record FakeQdrantRequest(string Method, string Path, string Query, string? Body, int Status);
