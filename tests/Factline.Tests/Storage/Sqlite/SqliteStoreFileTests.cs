using Factline.Storage.Queries;
using Factline.Storage.Sqlite;
using Factline.Tests.Storage.Contract;
using Microsoft.Data.Sqlite;

namespace Factline.Tests.Storage.Sqlite;

/// <summary>What the SQLite store does with its file, beyond the contract every store meets.</summary>
public sealed class SqliteStoreFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "factline-sqlite-file-" + Guid.NewGuid().ToString("N"));

    private SqliteStoreOptions Options => new() { DataDirectory = Path.Combine(_directory, "nested", "data") };

    [Fact]
    public async Task Opening_creates_the_directory_and_a_versioned_file_in_wal_mode()
    {
        await using (SqliteProjectionStore.Open(Options))
        {
            Assert.True(File.Exists(Options.DatabasePath));
            Assert.Equal("wal", Pragma("journal_mode"));
            Assert.True(Convert.ToInt64(Pragma("user_version")) > 0);
        }
    }

    [Fact]
    public async Task A_new_file_has_16_KiB_pages_and_a_file_with_8_KiB_pages_keeps_them_and_works()
    {
        await SqliteProjectionStore.Open(Options).DisposeAsync();
        Assert.Equal(16_384L, Pragma("page_size"));
        Directory.Delete(_directory, recursive: true);

        // A file an earlier release made, with its 8 KiB pages.
        Directory.CreateDirectory(Path.GetDirectoryName(Options.DatabasePath)!);
        Pragma("page_size = 8192; PRAGMA journal_mode = WAL");
        await using var store = SqliteProjectionStore.Open(Options);
        await FactCorpus.LoadIntoAsync(store);

        Assert.Equal(8_192L, Pragma("page_size"));
        Assert.Equal(FactCorpus.Facts.Count, (await store.QueryAsync(new FactQuery())).Total);
    }

    [Fact]
    public async Task A_file_written_by_a_newer_release_is_refused()
    {
        await SqliteProjectionStore.Open(Options).DisposeAsync();
        Pragma("user_version = 999");

        var refused = Assert.Throws<NotSupportedException>(() => SqliteProjectionStore.Open(Options));

        Assert.Contains("999", refused.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_naming_it_and_the_way_out()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Options.DatabasePath)!);
        File.WriteAllText(Options.DatabasePath, "not a database, but long enough to have a header where SQLite looks for one");

        var refused = Assert.Throws<InvalidDataException>(() => SqliteProjectionStore.Open(Options));

        Assert.StartsWith($"{Options.DatabasePath} is not a readable Factline SQLite store", refused.Message);
        Assert.Contains("move the file away", refused.Message);
    }

    [Fact]
    public async Task Readers_do_not_wait_for_a_write_in_progress_and_do_not_see_it()
    {
        await using var store = SqliteProjectionStore.Open(Options);
        await store.ApplyAsync(TestFacts.Batch([TestFacts.Fact("e1").At(0, 0)], null, TestFacts.Bookmark(0, 1)));
        using var writer = Connect();
        using var transaction = writer.BeginTransaction();
        Execute(writer, "UPDATE bookmarks SET next_offset = 50; DELETE FROM facts;");

        // A reader blocked by the open write transaction would fail here with "database is locked".
        Assert.NotNull(await store.FindAsync("e1"));
        Assert.Equal(1, (await store.QueryAsync(new FactQuery())).Total);
        Assert.Equal(1, Assert.Single(await store.ReadBookmarksAsync()).Value.NextOffset);
    }

    [Fact]
    public async Task Committed_pages_reach_the_database_file_while_the_store_stays_open()
    {
        await using var store = SqliteProjectionStore.Open(Options);
        var emptyFile = new FileInfo(Options.DatabasePath).Length;

        await FactCorpus.LoadIntoAsync(store);

        // The writer never checkpoints (a few dozen pages are far below SQLite's own 1,000-page threshold
        // anyway): only the background checkpointer copies the commits out of the log into the file.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (new FileInfo(Options.DatabasePath).Length == emptyFile && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.True(new FileInfo(Options.DatabasePath).Length > emptyFile, "the database file did not grow while the store was open");
        Assert.Equal(FactCorpus.Facts.Count, (await store.QueryAsync(new FactQuery())).Total);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Options.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private object? Pragma(string pragma)
    {
        using var connection = Connect();
        return Execute(connection, $"PRAGMA {pragma}");
    }

    private static object? Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
