namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>A stored point: payload as given, named vectors as preprocessed, and the operation that last wrote it.</summary>
internal sealed class FakePoint(FakePointId id)
{
    public FakePointId Id { get; } = id;

    public JsonObject Payload { get; set; } = [];

    public Dictionary<string, FakeVector> Vectors { get; } = new(StringComparer.Ordinal);

    /// <summary>Qdrant's point version: the number of the last operation that changed the point.</summary>
    public ulong Version { get; set; }
}
