using Microsoft.Data.Sqlite;
using NewsBot.Index.Embeddings;

namespace NewsBot.Index.Sqlite.Reading;

/// <summary>
/// Reads a document back as it was written: its record, and each story version it holds with that version's passages
/// and their cached vectors. What <c>migrate</c> copies into another store, so nothing is parsed or embedded again.
/// </summary>
internal static class DocumentExporter
{
    public static async Task<List<string>> PathsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var paths = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT path FROM documents ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) paths.Add(reader.GetString(0));
        return paths;
    }

    /// <summary>Runs in the caller's read transaction, so the document, its stories and their vectors agree.</summary>
    public static async Task<ExportedDocument?> ReadAsync(SqliteConnection connection, string path, EmbeddingModelInfo? model, CancellationToken cancellationToken)
    {
        long documentId;
        DocumentRecord document;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, path, content_hash, title, publication, kind, date, url, issue_number FROM documents WHERE path = @path";
            command.Parameters.AddWithValue("@path", path);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return null;
            documentId = reader.GetInt64(0);
            document = new DocumentRecord
            {
                Path = reader.GetString(1),
                ContentHash = reader.GetString(2),
                Title = reader.GetString(3),
                Publication = reader.GetString(4),
                Kind = DbValues.ReadKind(reader, 5),
                Date = DbValues.ReadDate(reader, 6),
                Url = DbValues.ReadString(reader, 7),
                IssueNumber = DbValues.ReadInt(reader, 8),
            };
        }

        var vectors = model is null ? [] : await VectorsAsync(connection, documentId, model, cancellationToken);
        var passages = new Dictionary<long, List<PassageRecord>>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT p.version_id, p.id, p.ordinal, p.start, p.length, p.text
                FROM passages p JOIN story_versions v ON v.id = p.version_id
                WHERE v.document_id = @document ORDER BY p.version_id, p.ordinal
                """;
            command.Parameters.AddWithValue("@document", documentId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!passages.TryGetValue(reader.GetInt64(0), out var list)) passages[reader.GetInt64(0)] = list = [];
                list.Add(new PassageRecord(reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetString(5))
                {
                    Vectors = vectors.GetValueOrDefault(reader.GetInt64(1)) ?? [],
                });
            }
        }

        var stories = new List<StoryRecord>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT id, story_id, title, text, url, section, date, source_names, related, start_offset
                FROM story_versions WHERE document_id = @document ORDER BY position
                """;
            command.Parameters.AddWithValue("@document", documentId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                stories.Add(new StoryRecord
                {
                    Id = reader.GetString(1),
                    Title = reader.GetString(2),
                    Text = reader.GetString(3),
                    Url = DbValues.ReadString(reader, 4),
                    Section = DbValues.ReadString(reader, 5),
                    Date = DbValues.ReadDate(reader, 6),
                    SourceNames = DbValues.ReadStrings(reader, 7),
                    Related = DbValues.ReadLinks(reader, 8),
                    StartOffset = DbValues.ReadInt(reader, 9),
                    Passages = passages.GetValueOrDefault(reader.GetInt64(0)) ?? [],
                });
        }
        return new ExportedDocument(document, stories);
    }

    private static async Task<Dictionary<long, List<PassageVector>>> VectorsAsync(SqliteConnection connection, long documentId, EmbeddingModelInfo model, CancellationToken cancellationToken)
    {
        var vectors = new Dictionary<long, List<PassageVector>>();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT pv.passage_id, pv.item, pv.kind, pv.text_hash, e.vector
            FROM passage_vectors pv
            JOIN passages p ON p.id = pv.passage_id
            JOIN story_versions v ON v.id = p.version_id
            JOIN embeddings e ON e.model = @model AND e.text_hash = pv.text_hash
            WHERE v.document_id = @document
            ORDER BY pv.passage_id, pv.item
            """;
        command.Parameters.AddWithValue("@model", model.Id);
        command.Parameters.AddWithValue("@document", documentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!vectors.TryGetValue(reader.GetInt64(0), out var list)) vectors[reader.GetInt64(0)] = list = [];
            list.Add(new PassageVector(reader.GetInt32(1), (EmbeddedTextKind)reader.GetInt32(2), reader.GetString(3), VectorBlob.FromBytes(reader.GetFieldValue<byte[]>(4))));
        }
        return vectors;
    }
}

/// <summary>A document as <see cref="INewsIndex.ReplaceDocumentAsync(DocumentRecord, IReadOnlyList{StoryRecord}, EmbeddingModelInfo?, CancellationToken)"/> takes it.</summary>
public sealed record ExportedDocument(DocumentRecord Document, IReadOnlyList<StoryRecord> Stories);
