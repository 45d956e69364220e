namespace NewsBot.Index.Sqlite;

/// <summary>Tuning of the embedded store.</summary>
public sealed record SqliteIndexOptions
{
    public static readonly SqliteIndexOptions Default = new();

    /// <summary>BM25 weight of a story title relative to the passage body (1.0).</summary>
    public double TitleWeight { get; init; } = 2.5;

    /// <summary>How long an operation waits for another process's write lock before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
