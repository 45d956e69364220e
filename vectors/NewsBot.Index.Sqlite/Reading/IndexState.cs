using Microsoft.Data.Sqlite;

namespace NewsBot.Index.Sqlite.Reading;

/// <summary>The <c>index_state</c> row: how many writes the index has seen, and how many canonical passages it holds.</summary>
internal sealed record IndexState(long Generation, long Passages)
{
    public static async Task<IndexState> ReadAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT generation, passages FROM index_state";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new IndexState(reader.GetInt64(0), reader.GetInt64(1));
    }
}
