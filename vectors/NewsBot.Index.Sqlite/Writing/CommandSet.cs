using Microsoft.Data.Sqlite;

namespace NewsBot.Index.Sqlite.Writing;

/// <summary>
/// The commands of one write transaction. Each is made once and executed many times with new parameter values,
/// so SQLite compiles each statement once per transaction rather than once per row.
/// </summary>
internal sealed class CommandSet(SqliteTransaction transaction) : IAsyncDisposable
{
    private readonly List<SqliteCommand> _commands = [];

    public SqliteCommand Add(string sql, params ReadOnlySpan<(string Name, SqliteType Type)> parameters)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, type) in parameters) command.Parameters.Add(name, type);
        _commands.Add(command);
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands) await command.DisposeAsync();
    }
}
