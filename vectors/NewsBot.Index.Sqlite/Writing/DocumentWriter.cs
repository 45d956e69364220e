using Microsoft.Data.Sqlite;

namespace NewsBot.Index.Sqlite.Writing;

/// <summary>
/// The document-level statements of one write transaction: the document row, and the story versions and passages
/// it contributes. Stories themselves are <see cref="StoryCanonicalizer"/>'s job.
/// </summary>
internal sealed class DocumentWriter
{
    private readonly SqliteCommand _upsertDocument;
    private readonly SqliteCommand _findDocument;
    private readonly SqliteCommand _deleteDocument;
    private readonly SqliteCommand _storiesOfDocument;
    private readonly SqliteCommand _deleteVersions;
    private readonly SqliteCommand _insertVersion;
    private readonly SqliteCommand _insertPassage;
    private readonly SqliteCommand _existingPassages;

    public DocumentWriter(CommandSet commands)
    {
        _upsertDocument = commands.Add("""
            INSERT INTO documents (path, content_hash, title, publication, kind, date, url, issue_number, ingested_at)
            VALUES (@path, @hash, @title, @publication, @kind, @date, @url, @issue, @ingested)
            ON CONFLICT (path) DO UPDATE SET
                content_hash = excluded.content_hash, title = excluded.title, publication = excluded.publication,
                kind = excluded.kind, date = excluded.date, url = excluded.url, issue_number = excluded.issue_number,
                ingested_at = excluded.ingested_at
            RETURNING id
            """,
            ("@path", SqliteType.Text), ("@hash", SqliteType.Text), ("@title", SqliteType.Text), ("@publication", SqliteType.Text),
            ("@kind", SqliteType.Text), ("@date", SqliteType.Text), ("@url", SqliteType.Text), ("@issue", SqliteType.Integer),
            ("@ingested", SqliteType.Text));
        _findDocument = commands.Add("SELECT id FROM documents WHERE path = @path", ("@path", SqliteType.Text));
        // Its versions and their passages go with it (ON DELETE CASCADE).
        _deleteDocument = commands.Add("DELETE FROM documents WHERE id = @document", ("@document", SqliteType.Integer));
        _storiesOfDocument = commands.Add("SELECT story_id FROM story_versions WHERE document_id = @document", ("@document", SqliteType.Integer));
        // Passages go with their versions (ON DELETE CASCADE).
        _deleteVersions = commands.Add("DELETE FROM story_versions WHERE document_id = @document", ("@document", SqliteType.Integer));
        _insertVersion = commands.Add("""
            INSERT INTO story_versions (story_id, document_id, position, title, text, url, section, date, source_names, related, start_offset,
                                        text_length, passage_count)
            VALUES (@story, @document, @position, @title, @text, @url, @section, @date, @source_names, @related, @start_offset,
                    @text_length, @passage_count)
            RETURNING id
            """,
            ("@story", SqliteType.Text), ("@document", SqliteType.Integer), ("@position", SqliteType.Integer),
            ("@title", SqliteType.Text), ("@text", SqliteType.Text), ("@url", SqliteType.Text), ("@section", SqliteType.Text),
            ("@date", SqliteType.Text), ("@source_names", SqliteType.Text), ("@related", SqliteType.Text),
            ("@start_offset", SqliteType.Integer), ("@text_length", SqliteType.Integer), ("@passage_count", SqliteType.Integer));
        _insertPassage = commands.Add(
            "INSERT INTO passages (version_id, ordinal, start, length, text) VALUES (@version, @ordinal, @start, @length, @text) RETURNING id",
            ("@version", SqliteType.Integer), ("@ordinal", SqliteType.Integer), ("@start", SqliteType.Integer),
            ("@length", SqliteType.Integer), ("@text", SqliteType.Text));
        _existingPassages = commands.Add("SELECT id FROM passages WHERE id IN (SELECT value FROM json_each(@ids))", ("@ids", SqliteType.Text));
    }

    public async Task<long> UpsertDocumentAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        var p = _upsertDocument.Parameters;
        p["@path"].Value = document.Path;
        p["@hash"].Value = document.ContentHash;
        p["@title"].Value = document.Title;
        p["@publication"].Value = document.Publication;
        p["@kind"].Value = DbValues.Kind(document.Kind);
        p["@date"].Value = DbValues.Date(document.Date);
        p["@url"].Value = DbValues.Nullable(document.Url);
        p["@issue"].Value = DbValues.Nullable(document.IssueNumber);
        p["@ingested"].Value = DateTimeOffset.UtcNow.ToString("O");
        return (long)(await _upsertDocument.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Which of <paramref name="passageIds"/> are still stored.</summary>
    public async Task<HashSet<long>> ExistingPassagesAsync(IEnumerable<long> passageIds, CancellationToken cancellationToken)
    {
        _existingPassages.Parameters["@ids"].Value = "[" + string.Join(',', passageIds) + "]";
        var existing = new HashSet<long>();
        await using var reader = await _existingPassages.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) existing.Add(reader.GetInt64(0));
        return existing;
    }

    public async Task<long?> FindDocumentAsync(string path, CancellationToken cancellationToken)
    {
        _findDocument.Parameters["@path"].Value = path;
        return await _findDocument.ExecuteScalarAsync(cancellationToken) as long?;
    }

    public async Task DeleteDocumentAsync(long documentId, CancellationToken cancellationToken)
    {
        _deleteDocument.Parameters["@document"].Value = documentId;
        await _deleteDocument.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<List<string>> StoriesOfDocumentAsync(long documentId, CancellationToken cancellationToken)
    {
        _storiesOfDocument.Parameters["@document"].Value = documentId;
        var ids = new List<string>();
        await using var reader = await _storiesOfDocument.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
        return ids;
    }

    public async Task DeleteVersionsAsync(long documentId, CancellationToken cancellationToken)
    {
        _deleteVersions.Parameters["@document"].Value = documentId;
        await _deleteVersions.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stores the story's version and its passages; returns the passages' row ids, in the story's passage order.</summary>
    public async Task<List<long>> InsertVersionAsync(long documentId, int position, StoryRecord story, CancellationToken cancellationToken)
    {
        var p = _insertVersion.Parameters;
        p["@story"].Value = story.Id;
        p["@document"].Value = documentId;
        p["@position"].Value = position;
        p["@title"].Value = story.Title;
        p["@text"].Value = story.Text;
        p["@url"].Value = DbValues.Nullable(story.Url);
        p["@section"].Value = DbValues.Nullable(story.Section);
        p["@date"].Value = DbValues.Date(story.Date);
        p["@source_names"].Value = DbValues.Strings(story.SourceNames);
        p["@related"].Value = DbValues.Links(story.Related);
        p["@start_offset"].Value = DbValues.Nullable(story.StartOffset);
        p["@text_length"].Value = story.Text.Length;
        p["@passage_count"].Value = story.Passages.Count;
        var versionId = (long)(await _insertVersion.ExecuteScalarAsync(cancellationToken))!;

        var q = _insertPassage.Parameters;
        q["@version"].Value = versionId;
        var ids = new List<long>(story.Passages.Count);
        foreach (var passage in story.Passages)
        {
            q["@ordinal"].Value = passage.Ordinal;
            q["@start"].Value = passage.Start;
            q["@length"].Value = passage.Length;
            q["@text"].Value = passage.Text;
            ids.Add((long)(await _insertPassage.ExecuteScalarAsync(cancellationToken))!);
        }
        return ids;
    }
}
