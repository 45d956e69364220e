using NewsBot.Testing;

namespace NewsBot.Index.Sqlite.Tests;

/// <summary>A fresh index in a real file under a temporary folder, per test.</summary>
public abstract class IndexTestBase : IAsyncLifetime
{
    protected TempDir Dir { get; } = new();
    protected string DbPath => Dir.File("index/news.db");
    protected SqliteNewsIndex Index { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Index = await SqliteNewsIndex.OpenAsync(DbPath);

    public async Task DisposeAsync()
    {
        await Index.DisposeAsync();
        Dir.Dispose();
    }

    protected async Task ReopenAsync()
    {
        await Index.DisposeAsync();
        Index = await SqliteNewsIndex.OpenAsync(DbPath);
    }
}
