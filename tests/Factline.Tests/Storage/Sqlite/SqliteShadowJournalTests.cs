using Factline.Storage.Sqlite;
using Factline.Tests.Storage.Contract;
using Microsoft.Data.Sqlite;

namespace Factline.Tests.Storage.Sqlite;

/// <summary>A SQLite shadow replays without the write-ahead log and is moved into it, on disk, when it is prepared.</summary>
public sealed class SqliteShadowJournalTests : IDisposable
{
    private readonly SqliteStoreOptions _live = new() { DataDirectory = Directory.CreateTempSubdirectory("factline-shadow-journal-").FullName };

    [Fact]
    public async Task A_shadow_replays_without_a_log_and_once_prepared_writes_through_the_log_like_a_live_store()
    {
        var shadows = new SqliteShadowStores(_live, TimeProvider.System);
        var shadow = (SqliteProjectionStore)await shadows.CreateAsync();
        var path = shadow.DatabasePath;
        var batches = FactCorpus.Batches().ToList();
        await shadow.ApplyAsync(batches[0]);

        Assert.Equal("delete", JournalMode(path));
        Assert.False(File.Exists(path + "-wal"));

        await shadows.PrepareAsync(shadow);
        var prepared = new FileInfo(path).Length;
        foreach (var batch in batches.Skip(1))
            await shadow.ApplyAsync(batch);
        // More than a page of facts, so that the file itself must grow to hold them.
        await shadow.ApplyAsync(TestFacts.Batch([.. Enumerable.Range(0, 100).Select(i => TestFacts.Fact($"after-{i}").At(9, i))]));

        Assert.Equal("wal", JournalMode(path));
        Assert.True(File.Exists(path + "-wal"));
        // The writer only appends to the log: the file grows when the checkpointer copies the log into it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (new FileInfo(path).Length == prepared && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.True(new FileInfo(path).Length > prepared, "no checkpoint copied the log into the file");
        Assert.Equal(FactCorpus.Facts.Count + 100, (await shadow.ReadCountersAsync()).Facts);

        await shadows.PromoteAsync(shadow);
        await shadow.DisposeAsync();
        await using var reopened = SqliteProjectionStore.Open(_live);
        Assert.Equal(path, reopened.DatabasePath);
        Assert.Equal(FactCorpus.Facts.Count + 100, (await reopened.ReadCountersAsync()).Facts);
        foreach (var fact in FactCorpus.Facts)
            Assert.Equal(fact.Position, (await reopened.FindAsync(fact.Fact.EventId))?.Position);
    }

    public void Dispose() => Directory.Delete(_live.DataDirectory, recursive: true);

    /// <summary>The journal mode a new connection finds in the file (WAL is kept in the file; a rollback journal reads as "delete").</summary>
    private static string JournalMode(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        return (string)command.ExecuteScalar()!;
    }
}
