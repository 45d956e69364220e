namespace NewsBot.Index.Sqlite.Writing;

/// <summary>The statement groups of one write transaction.</summary>
internal sealed record WriteSession(DocumentWriter Documents, StoryCanonicalizer Stories, VectorWriter Vectors);
