using Factline.Storage.Postgres;
using Factline.Tests.Infrastructure;
using Factline.Tests.Storage.Contract;

namespace Factline.Tests.Storage.Postgres;

/// <summary>Creating and migrating a projection's schema, and refusing what the store cannot safely use.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly PostgresStores _stores = new(postgres);

    [Fact]
    public async Task Opening_creates_the_tables_in_the_configured_schema_once()
    {
        var options = _stores.NewOptions();
        _stores.Open(options);
        _stores.Open(options);

        Assert.Equal(
            ["bookmarks", "counters", "fact_counts", "fact_rows", "facts", "quarantine", "raw_dictionaries", "schema_version", "search_groups"],
            await postgres.QueryAsync<string>("SELECT table_name::text FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1", options.Schema));
        AssertEachMigrationRanOnce(await postgres.QueryAsync<int>($"SELECT version FROM {options.Schema}.schema_version ORDER BY 1"));
    }

    [Fact]
    public async Task Instances_starting_together_on_a_new_schema_migrate_it_once()
    {
        var options = _stores.NewOptions();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _stores.Open(options))));

        AssertEachMigrationRanOnce(await postgres.QueryAsync<int>($"SELECT version FROM {options.Schema}.schema_version ORDER BY 1"));
    }

    private static void AssertEachMigrationRanOnce(IReadOnlyList<int> versions) =>
        Assert.Equal(Enumerable.Range(1, versions.Count), versions);

    [Fact]
    public async Task A_schema_written_by_a_newer_release_is_refused()
    {
        var options = _stores.NewOptions();
        _stores.Open(options);
        await postgres.QueryAsync<int>($"INSERT INTO {options.Schema}.schema_version (version) VALUES (99) RETURNING version");

        var error = Assert.Throws<NotSupportedException>(() => _stores.Open(options));

        Assert.Contains("version 99", error.Message);
    }

    [Fact]
    public async Task Each_schema_is_an_independent_projection()
    {
        var one = _stores.Open();
        var other = _stores.Open();

        await one.ApplyAsync(TestFacts.Batch([TestFacts.Fact("e1").At(0, 0)], null, TestFacts.Bookmark(0, 1)));

        Assert.NotNull(await one.FindAsync("e1"));
        Assert.Null(await other.FindAsync("e1"));
        Assert.Empty(await other.ReadBookmarksAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("Factline")]
    [InlineData("fact-line")]
    [InlineData("1facts")]
    [InlineData("facts; DROP SCHEMA public")]
    [InlineData("a_name_that_is_longer_than_the_sixty_three_bytes_postgresql_keeps")]
    public void A_schema_name_that_would_need_quoting_is_refused(string schema)
    {
        var error = Assert.Throws<ArgumentException>(() => _stores.Open(new PostgresStoreOptions { ConnectionString = postgres.ConnectionString, Schema = schema }));

        Assert.Contains("schema name", error.Message);
    }

    [Fact]
    public void A_missing_connection_string_is_refused() =>
        Assert.Throws<ArgumentException>(() => _stores.Open(new PostgresStoreOptions { Schema = "factline" }));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _stores.DisposeAsync().AsTask();
}
