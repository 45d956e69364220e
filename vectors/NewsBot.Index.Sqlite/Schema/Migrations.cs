namespace NewsBot.Index.Sqlite.Schema;

/// <summary>
/// The schema's history, oldest first. Never edit a shipped step: add one. A step runs inside the migration
/// transaction, so it must not change the journal mode or otherwise need to run outside one.
/// </summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "documents, story versions, stories, passages, FTS5 over canonical passages", """
            CREATE TABLE documents (
                id           INTEGER PRIMARY KEY,
                path         TEXT NOT NULL UNIQUE,
                content_hash TEXT NOT NULL,
                title        TEXT NOT NULL,
                publication  TEXT NOT NULL,
                kind         TEXT NOT NULL,
                date         TEXT,
                url          TEXT,
                issue_number INTEGER,
                ingested_at  TEXT NOT NULL
            );

            -- What each document says about a story; a story has one version per document that carries it.
            CREATE TABLE story_versions (
                id           INTEGER PRIMARY KEY,
                story_id     TEXT NOT NULL,
                document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                position     INTEGER NOT NULL,
                title        TEXT NOT NULL,
                text         TEXT NOT NULL,
                url          TEXT,
                section      TEXT,
                date         TEXT,
                source_names TEXT NOT NULL,
                related      TEXT NOT NULL,
                start_offset INTEGER,
                text_length   INTEGER NOT NULL,
                passage_count INTEGER NOT NULL,
                UNIQUE (story_id, document_id)
            );
            CREATE INDEX story_versions_by_document ON story_versions(document_id);

            CREATE TABLE passages (
                id         INTEGER PRIMARY KEY,
                version_id INTEGER NOT NULL REFERENCES story_versions(id) ON DELETE CASCADE,
                ordinal    INTEGER NOT NULL,
                start      INTEGER NOT NULL,
                length     INTEGER NOT NULL,
                text       TEXT NOT NULL,
                UNIQUE (version_id, ordinal)
            );

            -- One row per story: which version it serves (the longest), its earliest date, and the canonical
            -- document's publication and kind, copied here so searches filter without further joins.
            CREATE TABLE stories (
                id            TEXT PRIMARY KEY,
                version_id    INTEGER NOT NULL UNIQUE REFERENCES story_versions(id),
                date          TEXT,
                publication   TEXT NOT NULL,
                kind          TEXT NOT NULL,
                passage_count INTEGER NOT NULL
            );
            -- Newest first (NULL dates sort last), a document's stories in their order: GetLatestStories reads it as is.
            CREATE INDEX stories_latest ON stories(date DESC, version_id);

            -- Canonical passages only, rowid = passages.id. Holds LexicalAnalyzer's terms joined by spaces, so the
            -- tokenizer only splits on those spaces. Not contentless: a contentless_delete table does not take deleted
            -- rows out of the row and token totals bm25() uses (SQLite 3.50), so scores would drift with every update.
            CREATE VIRTUAL TABLE passage_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0');
            CREATE VIRTUAL TABLE passage_terms USING fts5vocab(passage_fts, row);

            -- One row. generation counts committed writes, so caches of what the index holds (any process's) know
            -- when they are stale; passages counts the canonical passages without scanning the stories.
            CREATE TABLE index_state (
                id         INTEGER PRIMARY KEY CHECK (id = 1),
                generation INTEGER NOT NULL,
                passages   INTEGER NOT NULL
            );
            INSERT INTO index_state (id, generation, passages) VALUES (1, 0, 0);
            """),
        new(2, "embedding cache, vectors of passages, the index's embedding model", """
            -- The cache: a text's vector per model, keyed by the SHA-256 of the text. Rows outlive the passages using
            -- them, so re-ingesting a changed document re-embeds only its new texts; PruneEmbeddingCache clears them.
            -- vector: float32 little-endian.
            CREATE TABLE embeddings (
                model     TEXT NOT NULL,
                text_hash TEXT NOT NULL,
                vector    BLOB NOT NULL,
                PRIMARY KEY (model, text_hash)
            ) WITHOUT ROWID;

            -- Which texts of each passage are embedded (kind: 0 story title, 1 sentence, 2 whole passage), with the
            -- model in index_state. Goes with its passage.
            CREATE TABLE passage_vectors (
                passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
                item       INTEGER NOT NULL,
                kind       INTEGER NOT NULL,
                text_hash  TEXT NOT NULL,
                PRIMARY KEY (passage_id, item)
            ) WITHOUT ROWID;

            -- NULL until the first vectors are written: the index is then lexical only.
            ALTER TABLE index_state ADD COLUMN embedding_model TEXT;
            ALTER TABLE index_state ADD COLUMN embedding_dimensions INTEGER;
            """),
        new(3, "readers' feedback on answers", """
            -- One rating per answer: rating it again replaces the earlier rating. question and answer_text are a
            -- snapshot, since answers themselves are not stored.
            CREATE TABLE feedback (
                answer_id   TEXT PRIMARY KEY,
                rating      TEXT NOT NULL CHECK (rating IN ('up', 'down')),
                comment     TEXT,
                channel     TEXT NOT NULL,
                question    TEXT,
                answer_text TEXT,
                created_at  TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX feedback_created ON feedback (created_at);
            """),
    ];

    public static int Latest => All[^1].Version;
}
