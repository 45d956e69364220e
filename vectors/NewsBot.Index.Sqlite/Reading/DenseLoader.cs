using Microsoft.Data.Sqlite;
using NewsBot.Index.Dense;
using NewsBot.Index.Embeddings;

namespace NewsBot.Index.Sqlite.Reading;

/// <summary>
/// Reads the vectors of every canonical passage into one contiguous matrix: counted first, so the matrix is
/// allocated once at its final size, then read in one query.
/// </summary>
internal static class DenseLoader
{
    private const string Rows = """
        FROM stories s
        JOIN passages p ON p.version_id = s.version_id
        JOIN passage_vectors pv ON pv.passage_id = p.id
        JOIN embeddings e ON e.model = @model AND e.text_hash = pv.text_hash
        """;

    /// <summary>Runs in the caller's read transaction, so the count, the rows and the generation agree.</summary>
    public static async Task<DenseIndex> LoadAsync(SqliteConnection connection, EmbeddingModelInfo model, long generation, CancellationToken cancellationToken)
    {
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) {Rows}";
        count.Parameters.AddWithValue("@model", model.Id);
        var rowCount = checked((int)(long)(await count.ExecuteScalarAsync(cancellationToken))!);

        var data = new float[checked(rowCount * model.Dimensions)];
        var rows = new DenseRow[rowCount];
        var stories = new List<DenseStory>();
        var storyIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var blob = new byte[model.Dimensions * sizeof(float)];

        await using var select = connection.CreateCommand();
        select.CommandText = $"""
            SELECT s.id, s.date, s.publication, s.kind, p.ordinal, pv.kind, e.vector
            {Rows}
            ORDER BY s.version_id, p.ordinal, pv.item
            """;
        select.Parameters.AddWithValue("@model", model.Id);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var row = 0;
        while (await reader.ReadAsync(cancellationToken) && row < rowCount)
        {
            var storyId = reader.GetString(0);
            if (!storyIndex.TryGetValue(storyId, out var story))
            {
                story = stories.Count;
                storyIndex[storyId] = story;
                stories.Add(new DenseStory(storyId, DbValues.ReadDate(reader, 1), reader.GetString(2), DbValues.ReadKind(reader, 3)));
            }
            var length = reader.GetBytes(6, 0, null, 0, 0);
            if (length != blob.Length)
                throw new InvalidDataException($"A stored vector of model '{model.Id}' has {length} bytes; {model.Dimensions} dimensions need {blob.Length}.");
            reader.GetBytes(6, 0, blob, 0, blob.Length);
            VectorBlob.Read(blob, data.AsSpan(row * model.Dimensions, model.Dimensions));
            rows[row] = new DenseRow(story, reader.GetInt32(4), (EmbeddedTextKind)reader.GetInt32(5));
            row++;
        }
        return new DenseIndex(model, generation, new VectorMatrix(data, model.Dimensions), rows, stories.ToArray());
    }
}
