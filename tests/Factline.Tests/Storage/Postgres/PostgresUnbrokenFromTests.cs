using Factline.Storage;
using Factline.Storage.Postgres;
using Factline.Tests.Infrastructure;
using Npgsql;

namespace Factline.Tests.Storage.Postgres;

/// <summary>
/// Schemas of the release before kept a history gap's size but not where it ends: moving over, every offset read so far
/// counts as read before the gap (the cautious choice), and a partition without a gap has none. Nor did they keep the last
/// record read (there is none to check on the next start) or the first (taken to be offset 0: a rebuild asks before it drops what
/// may be history only that store holds), or count misplaced facts (none counted).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresUnbrokenFromTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly PostgresStores _stores = new(postgres);

    [Fact]
    public async Task A_gap_recorded_by_the_release_before_is_taken_to_end_at_the_bookmark()
    {
        var options = _stores.NewOptions();
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { SearchPath = options.Schema }.ConnectionString))
        {
            await connection.OpenAsync();
            // The release before bookmarks kept unbroken_from and last_read.
            PostgresSchema.Migrate(connection, options.Schema, PostgresSchema.LatestVersion - 2);
            await using var insert = new NpgsqlCommand($"""
                INSERT INTO {options.Schema}.bookmarks (log_topic, log_partition, next_offset, observed_through, lost_records, owner_generation)
                VALUES ('tmf.facts', 0, 500, NULL, 40, 1), ('tmf.facts', 1, 300, NULL, 0, 1)
                """, connection);
            await insert.ExecuteNonQueryAsync();
        }

        var bookmarks = await _stores.Open(options).ReadBookmarksAsync();

        Assert.Equal(500, bookmarks[new PartitionId("tmf.facts", 0)].UnbrokenFrom);
        Assert.Equal(0, bookmarks[new PartitionId("tmf.facts", 1)].UnbrokenFrom);
        Assert.All(bookmarks.Values, bookmark => Assert.Equal((null, 0, 0L), (bookmark.LastRead, bookmark.MisplacedFacts, bookmark.FirstReadOffset)));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _stores.DisposeAsync().AsTask();
}
