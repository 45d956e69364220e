using System.Globalization;
using Microsoft.Data.Sqlite;

namespace NewsBot.Index.Sqlite;

/// <summary>
/// Opens connections to the index file. Each operation takes its own connection: Microsoft.Data.Sqlite pools them,
/// so opening is cheap, and concurrent searches never share one (WAL lets them read while a write is under way).
/// </summary>
internal sealed class ConnectionFactory
{
    private readonly string _connectionString;
    private readonly string _pragmas;

    public ConnectionFactory(string path, TimeSpan busyTimeout)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
        // Per-connection settings, re-applied on every open since a pooled connection may be new.
        // synchronous=NORMAL is safe with WAL: a killed process loses nothing committed, and a power cut can lose
        // only the last commits, never consistency.
        _pragmas = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(int)busyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the pooled connections, so the file is released and its WAL checkpointed.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
