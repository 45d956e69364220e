using Microsoft.Data.Sqlite;

namespace NewsBot.Index.Sqlite.Schema;

/// <summary>
/// Brings a database to the newest schema this code knows, recording the version in <c>PRAGMA user_version</c>.
/// All pending steps run in one write transaction: a failed upgrade leaves the file at its old version.
/// </summary>
internal static class SchemaMigrator
{
    public static async Task MigrateAsync(SqliteConnection connection, string path, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        // IMMEDIATE: two processes opening a fresh file must not both decide to create the schema.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var current = await ReadVersionAsync(connection, transaction, cancellationToken);
        if (current > latest)
            throw new InvalidOperationException(
                $"The index database '{path}' has schema version {current}, but this version of NewsBot knows versions up to {latest}. " +
                "Use a newer NewsBot, or rebuild the index into a new file.");
        if (current == latest) return;

        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            await using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = migration.Sql;
            try
            {
                await step.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException e)
            {
                throw new InvalidOperationException(
                    $"Upgrading the index database '{path}' to schema version {migration.Version} ({migration.Description}) failed: {e.Message}", e);
            }
        }

        await using var setVersion = connection.CreateCommand();
        setVersion.Transaction = transaction;
        // PRAGMA takes no parameters; latest is an int of ours, not input.
        setVersion.CommandText = $"PRAGMA user_version = {latest}";
        await setVersion.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public static async Task<int> ReadVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }
}
