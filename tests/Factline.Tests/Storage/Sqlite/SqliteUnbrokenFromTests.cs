using Factline.Storage;
using Factline.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Factline.Tests.Storage.Sqlite;

/// <summary>
/// Files of the release before kept a history gap's size but not where it ends: moving over, every offset read so far counts
/// as read before the gap (the cautious choice), and a partition without a gap has none. Nor did they keep the last record
/// read (there is none to check on the next start) or the first (taken to be offset 0: a rebuild asks before it drops what
/// may be history only that store holds), or count misplaced facts (none counted).
/// </summary>
public sealed class SqliteUnbrokenFromTests : IDisposable
{
    private readonly SqliteStoreOptions _options = new() { DataDirectory = Directory.CreateTempSubdirectory("factline-unbroken-").FullName };

    [Fact]
    public async Task A_gap_recorded_by_the_release_before_is_taken_to_end_at_the_bookmark()
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _options.DatabasePath, Pooling = false }.ToString()))
        {
            connection.Open();
            // The release before bookmarks kept unbroken_from and last_read.
            SqliteSchema.Migrate(connection, SqliteSchema.LatestVersion - 2);
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO bookmarks (log_topic, log_partition, next_offset, observed_through, lost_records, owner_generation)
                VALUES ('tmf.facts', 0, 500, NULL, 40, 1), ('tmf.facts', 1, 300, NULL, 0, 1)
                """;
            insert.ExecuteNonQuery();
        }

        await using var store = SqliteProjectionStore.Open(_options);
        var bookmarks = await store.ReadBookmarksAsync();

        Assert.Equal(500, bookmarks[new PartitionId("tmf.facts", 0)].UnbrokenFrom);
        Assert.Equal(0, bookmarks[new PartitionId("tmf.facts", 1)].UnbrokenFrom);
        Assert.All(bookmarks.Values, bookmark => Assert.Equal((null, 0, 0L), (bookmark.LastRead, bookmark.MisplacedFacts, bookmark.FirstReadOffset)));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_options.DataDirectory, recursive: true);
    }
}
