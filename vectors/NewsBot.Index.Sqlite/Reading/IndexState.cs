using Microsoft.Data.Sqlite;
using NewsBot.Index.Embeddings;

namespace NewsBot.Index.Sqlite.Reading;

/// <summary>The <c>index_state</c> row: how many writes the index has seen, and how many canonical passages it holds, and the model of its vectors.</summary>
internal sealed record IndexState(long Generation, long Passages, EmbeddingModelInfo? EmbeddingModel)
{
    public static async Task<IndexState> ReadAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT generation, passages, embedding_model, embedding_dimensions FROM index_state";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new IndexState(reader.GetInt64(0), reader.GetInt64(1),
            reader.IsDBNull(2) ? null : new EmbeddingModelInfo(reader.GetString(2), reader.GetInt32(3)));
    }
}
