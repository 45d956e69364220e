namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>The fake's collections by name; thread-safe.</summary>
internal sealed class FakeCollectionRegistry
{
    private readonly object _sync = new();
    private readonly Dictionary<string, FakeCollection> _collections = new(StringComparer.Ordinal);

    /// <summary>The collection, or Qdrant's 404 for a missing one.</summary>
    public FakeCollection Get(string name)
    {
        lock (_sync)
        {
            return _collections.GetValueOrDefault(name) ?? throw FakeQdrantErrors.CollectionNotFound(name);
        }
    }

    public FakeCollection? Find(string name)
    {
        lock (_sync)
        {
            return _collections.GetValueOrDefault(name);
        }
    }

    public void Add(FakeCollection collection)
    {
        lock (_sync)
        {
            if (!_collections.TryAdd(collection.Name, collection))
            {
                throw FakeQdrantErrors.CollectionAlreadyExists(collection.Name);
            }
        }
    }

    public bool Remove(string name)
    {
        lock (_sync)
        {
            return _collections.Remove(name);
        }
    }

    public IReadOnlyList<string> Names()
    {
        lock (_sync)
        {
            return [.. _collections.Keys];
        }
    }
}
