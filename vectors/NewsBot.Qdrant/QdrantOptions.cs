namespace NewsBot.Qdrant;

/// <summary>Configuration section <c>VectorStore:Qdrant</c>: where the Qdrant store lives and how NewsBot talks to it.</summary>
public sealed class QdrantOptions
{
    public const string Section = "VectorStore:Qdrant";

    /// <summary>Qdrant's REST address (port 6333), e.g. <c>http://localhost:6333</c> or a cluster's load balancer.</summary>
    public string Url { get; set; } = "http://localhost:6333";

    /// <summary>Sent as the <c>api-key</c> header when set. A secret: environment or user secrets only, never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The collection holding NewsBot's index.</summary>
    public string Collection { get; set; } = "newsbot";

    /// <summary>Longest wait for one request (each retry waits afresh).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of a request that failed to connect, timed out, or got a 5xx or 429; 0 turns retries off.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>Points per upsert operation.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>Keep an int8 copy of the dense vectors in RAM (scalar quantisation): a quarter of the memory, rescored exactly.</summary>
    public bool QuantizeInt8 { get; set; }

    /// <summary>Shards of a new collection (a cluster spreads them over its nodes); null: Qdrant's default.</summary>
    public int? ShardNumber { get; set; }

    /// <summary>Copies of each shard in a cluster; null: Qdrant's default (1).</summary>
    public int? ReplicationFactor { get; set; }

    public IEnumerable<string> Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            yield return $"{Section}:Url must be an http(s) address such as \"http://localhost:6333\" (it is \"{Url}\").";
        if (string.IsNullOrWhiteSpace(Collection) || Collection.Length > 255 || Collection.IndexOfAny(['/', '\\', '?', '#', '%', ' ']) >= 0)
            yield return $"{Section}:Collection must be a name of 1 to 255 characters without '/', '\\', '?', '#', '%' or spaces (it is \"{Collection}\").";
        if (TimeoutSeconds is < 1 or > 600) yield return $"{Section}:TimeoutSeconds must be between 1 and 600 (it is {TimeoutSeconds}).";
        if (MaxRetries is < 0 or > 10) yield return $"{Section}:MaxRetries must be between 0 and 10 (it is {MaxRetries}).";
        if (BatchSize is < 1 or > 10_000) yield return $"{Section}:BatchSize must be between 1 and 10000 (it is {BatchSize}).";
        if (ShardNumber is < 1 or > 1000) yield return $"{Section}:ShardNumber must be between 1 and 1000 (it is {ShardNumber}).";
        if (ReplicationFactor is < 1 or > 10) yield return $"{Section}:ReplicationFactor must be between 1 and 10 (it is {ReplicationFactor}).";
    }
}
