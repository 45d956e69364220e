namespace NewsBot.Index.Sqlite.Schema;

/// <summary>One step of the schema's history: the SQL that takes a database from <c>Version - 1</c> to <see cref="Version"/>.</summary>
internal sealed record Migration(int Version, string Description, string Sql);
