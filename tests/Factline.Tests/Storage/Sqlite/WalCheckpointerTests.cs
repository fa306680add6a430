using Factline.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Factline.Tests.Storage.Sqlite;

/// <summary>The background checkpointer keeps the writer off the disk's sync and the log bounded.</summary>
public sealed class WalCheckpointerTests : IDisposable
{
    private const int PageSize = 4096;
    private const int RestartAfterBytes = 64 * PageSize;
    private const int PagesPerWrite = 10;

    private readonly string _directory = Directory.CreateTempSubdirectory("factline-checkpointer-").FullName;

    private string DatabasePath => Path.Combine(_directory, "log.db");

    [Fact]
    public void A_writer_that_never_pauses_still_has_its_log_start_over_once_it_passes_the_restart_size()
    {
        using var writer = OpenWriter();
        // Waiting as long as it takes (not the default second), so that a slow machine cannot make the log outgrow the bound.
        using var checkpointer = new WalCheckpointer(writer.ConnectionString, RestartAfterBytes, TimeSpan.FromMinutes(1));
        long largestLog = 0;

        // 300 writes of ~10 pages: 3,000 pages in all, far beyond what a log that never starts over would hold.
        for (var write = 0; write < 300; write++)
        {
            checkpointer.BeforeWrite();
            Execute(writer, $"INSERT INTO blobs (body) VALUES (randomblob({PagesPerWrite * PageSize}))");
            Assert.True(checkpointer.Committed());
            largestLog = Math.Max(largestLog, new FileInfo(DatabasePath + "-wal").Length);
        }

        // The log file keeps its largest size. Never started over, it would hold all 3,000 pages (12 MB); started over,
        // it stays near the restart size, though a checkpoint in flight can make a restart wait some writes on a busy
        // machine (3.3 MB was seen while the whole suite ran): half the never-restarted size tells the two apart.
        Assert.InRange(largestLog, 1, 300L * PagesPerWrite * PageSize / 2);
        Assert.Equal(300L, Execute(writer, "SELECT count(*) FROM blobs"));
    }

    [Fact]
    public void Committed_pages_are_copied_into_the_database_file_without_the_writer_checkpointing()
    {
        using var writer = OpenWriter();
        using var checkpointer = new WalCheckpointer(writer.ConnectionString, RestartAfterBytes);
        var before = new FileInfo(DatabasePath).Length;

        Execute(writer, $"INSERT INTO blobs (body) VALUES (randomblob({PagesPerWrite * PageSize}))");
        checkpointer.Committed();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (new FileInfo(DatabasePath).Length <= before && DateTime.UtcNow < deadline)
            Thread.Sleep(10);
        Assert.True(new FileInfo(DatabasePath).Length >= before + PagesPerWrite * PageSize);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private SqliteConnection OpenWriter()
    {
        var writer = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        writer.Open();
        Execute(writer, $"PRAGMA page_size = {PageSize}; PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE blobs (body BLOB)");
        return writer;
    }

    private static object? Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
