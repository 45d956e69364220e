using Microsoft.Data.Sqlite;
using NewsBot.Index.Sqlite.Schema;
using NewsBot.Testing;
using static NewsBot.Index.Sqlite.Tests.TestData;

namespace NewsBot.Index.Sqlite.Tests;

public class SchemaMigrationTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_new_database_gets_the_latest_version()
    {
        var path = _dir.File("news.db");
        await using (await SqliteNewsIndex.OpenAsync(path)) { }

        Assert.Equal(Migrations.Latest, await UserVersionAsync(path));
    }

    [Fact]
    public async Task An_older_database_is_upgraded_and_keeps_its_data()
    {
        var path = _dir.File("news.db");
        var v1 = Migrations.All.Where(m => m.Version == 1).ToList();
        var story = Story("Kept across the upgrade", "This story survives.");
        await using (var old = await SqliteNewsIndex.OpenAsync(path, null, v1, default))
            await old.ReplaceDocumentAsync(Document("a.md"), [story]);
        Assert.Equal(1, await UserVersionAsync(path));

        var v2 = new Migration(2, "test: a column added later", "ALTER TABLE documents ADD COLUMN note TEXT");
        await using (var upgraded = await SqliteNewsIndex.OpenAsync(path, null, [.. v1, v2], default))
            Assert.Equal(story.Text, (await upgraded.GetStoryAsync(story.Id))!.Text);

        Assert.Equal(2, await UserVersionAsync(path));
        Assert.Equal(1L, await ScalarAsync(path, "SELECT count(*) FROM pragma_table_info('documents') WHERE name = 'note'"));
    }

    [Fact]
    public async Task A_failed_upgrade_leaves_the_old_version()
    {
        var path = _dir.File("news.db");
        var v1 = Migrations.All.Where(m => m.Version == 1).ToList();
        await using (await SqliteNewsIndex.OpenAsync(path, null, v1, default)) { }

        Migration[] broken = [.. v1, new(2, "adds a table", "CREATE TABLE extra (x)"), new(3, "broken", "ALTER TABLE no_such_table ADD COLUMN y")];
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteNewsIndex.OpenAsync(path, null, broken, default));

        Assert.Contains("version 3", error.Message);
        Assert.Contains(path, error.Message);
        Assert.Equal(1, await UserVersionAsync(path));
        Assert.Equal(0L, await ScalarAsync(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'extra'"));
    }

    [Fact]
    public async Task A_database_from_a_newer_version_is_refused_with_a_clear_error()
    {
        var path = _dir.File("news.db");
        await using (await SqliteNewsIndex.OpenAsync(path)) { }
        await ScalarAsync(path, $"PRAGMA user_version = {Migrations.Latest + 5}");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteNewsIndex.OpenAsync(path));

        Assert.Contains(path, error.Message);
        Assert.Contains($"schema version {Migrations.Latest + 5}", error.Message);
        Assert.Contains($"up to {Migrations.Latest}", error.Message);
    }

    [Fact]
    public void Migration_versions_count_up_from_one()
    {
        Assert.Equal(Enumerable.Range(1, Migrations.All.Count), Migrations.All.Select(m => m.Version));
    }

    private static async Task<int> UserVersionAsync(string path) => Convert.ToInt32(await ScalarAsync(path, "PRAGMA user_version"));

    private static async Task<object?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
