using Factline.Storage;
using Factline.Storage.Postgres;
using Factline.Tests.Infrastructure;
using Factline.Tests.Storage.Contract;

namespace Factline.Tests.Storage.Postgres;

/// <summary>
/// Rebuilding a shared PostgreSQL projection into a shadow schema and swapping it in: the swap is one durable
/// commit that every instance follows, readers and writers alike, and what it replaced is dropped.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresShadowStoresTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly PartitionId P0 = TestFacts.Bookmark(0, 0).Partition;

    private readonly PostgresStores _stores = new(postgres);

    [Fact]
    public async Task A_promoted_shadow_is_what_opens_from_then_on_and_the_replaced_schema_is_dropped()
    {
        var options = _stores.NewOptions();
        var live = _stores.Open(options);
        await live.ApplyAsync(TestFacts.Batch([TestFacts.Fact("old").At(0, 0)], null, TestFacts.Bookmark(0, 1)));
        var shadows = new PostgresShadowStores(options, TimeProvider.System);

        await using var shadow = (PostgresProjectionStore)await shadows.CreateAsync();
        await shadow.ApplyAsync(TestFacts.Batch([TestFacts.Fact("new").At(0, 0)], null, TestFacts.Bookmark(0, 1)));
        Assert.Null(await _stores.Open(options).FindAsync("new")); // not live before the promotion
        await shadows.PromoteAsync(shadow);
        await shadows.DiscardAsync(live);

        var reopened = _stores.Open(options);
        Assert.Equal(shadow.Schema, reopened.Schema);
        Assert.NotNull(await reopened.FindAsync("new"));
        Assert.Null(await reopened.FindAsync("old"));
        Assert.DoesNotContain(options.Schema, await postgres.SchemaFamilyAsync(options.Schema));
    }

    [Fact]
    public async Task Another_instance_follows_the_promotion_its_reads_move_and_its_next_batch_is_refused_until_it_claims_again()
    {
        var options = _stores.NewOptions();
        var other = _stores.Open(options);
        var claimed = (await other.ClaimAsync([P0]))[P0];
        await other.ApplyAsync(TestFacts.Batch([TestFacts.Fact("old").At(0, 0)], null, claimed with { NextOffset = 1 }));
        var shadows = new PostgresShadowStores(options, TimeProvider.System);
        await using var shadow = (PostgresProjectionStore)await shadows.CreateAsync();
        var rebuilt = (await shadow.ClaimAsync([P0]))[P0];
        await shadow.ApplyAsync(TestFacts.Batch([TestFacts.Fact("old").At(0, 0), TestFacts.Fact("replayed").At(0, 1)], null, rebuilt with { NextOffset = 2 }));

        await shadows.PromoteAsync(shadow);

        await Assert.ThrowsAsync<ProjectionReplacedException>(() =>
            other.ApplyAsync(TestFacts.Batch([TestFacts.Fact("late").At(0, 1)], null, claimed with { NextOffset = 2 })));
        Assert.NotNull(await other.FindAsync("replayed"));
        Assert.Null(await other.FindAsync("late"));
        var reclaimed = (await other.ClaimAsync([P0]))[P0];
        Assert.Equal((2L, rebuilt.OwnerGeneration + 1), (reclaimed.NextOffset, reclaimed.OwnerGeneration));
        await other.ApplyAsync(TestFacts.Batch([TestFacts.Fact("next").At(0, 2)], null, reclaimed with { NextOffset = 3 }));
        Assert.NotNull(await shadow.FindAsync("next"));
    }

    [Fact]
    public async Task An_instance_whose_reads_followed_the_promotion_first_still_has_its_next_batch_refused_until_it_claims_again()
    {
        var options = _stores.NewOptions();
        var other = _stores.Open(options);
        var claimed = (await other.ClaimAsync([P0]))[P0];
        var shadows = new PostgresShadowStores(options, TimeProvider.System);
        await using var shadow = (PostgresProjectionStore)await shadows.CreateAsync();
        var rebuilt = (await shadow.ClaimAsync([P0]))[P0];
        await shadow.ApplyAsync(TestFacts.Batch([TestFacts.Fact("first").At(0, 0), TestFacts.Fact("second").At(0, 1)], null, rebuilt with { NextOffset = 2 }));
        await shadows.PromoteAsync(shadow);
        await Task.Delay(options.LiveSchemaCheckInterval);
        Assert.NotNull(await other.FindAsync("second")); // its reads are on the rebuilt schema now

        // Read before the rebuild, and its claim as old as the rebuild's: nothing but the schema tells them apart.
        await Assert.ThrowsAsync<ProjectionReplacedException>(() =>
            other.ApplyAsync(TestFacts.Batch([TestFacts.Fact("first").At(0, 0)], null, claimed with { NextOffset = 1 })));
        Assert.Equal(2L, (await other.ReadBookmarksAsync())[P0].NextOffset);
        Assert.Equal(0L, (await other.ReadCountersAsync()).Duplicates);
        var reclaimed = (await other.ClaimAsync([P0]))[P0];
        await other.ApplyAsync(TestFacts.Batch([TestFacts.Fact("third").At(0, 2)], null, reclaimed with { NextOffset = 3 }));
        Assert.NotNull(await shadow.FindAsync("third"));
    }

    [Fact]
    public async Task A_reader_moves_to_the_rebuilt_view_within_the_check_interval()
    {
        var options = _stores.NewOptions();
        var reader = _stores.Open(options);
        var shadows = new PostgresShadowStores(options, TimeProvider.System);
        await using var shadow = await shadows.CreateAsync();
        await shadow.ApplyAsync(TestFacts.Batch([TestFacts.Fact("new").At(0, 0)], null, TestFacts.Bookmark(0, 1)));
        Assert.Null(await reader.FindAsync("new"));

        await shadows.PromoteAsync(shadow);
        await Task.Delay(options.LiveSchemaCheckInterval);

        Assert.NotNull(await reader.FindAsync("new"));
    }

    [Fact]
    public async Task A_read_that_set_off_for_the_replaced_schema_as_it_was_dropped_is_answered_from_the_rebuilt_one()
    {
        var options = _stores.NewOptions();
        var live = _stores.Open(options);
        // A reader so late to check for a promotion that its next read still sets off for the replaced schema.
        var reader = _stores.Open(new PostgresStoreOptions { ConnectionString = options.ConnectionString, Schema = options.Schema, LiveSchemaCheckInterval = TimeSpan.FromHours(1) });
        Assert.Empty(await reader.ReadBookmarksAsync());
        var shadows = new PostgresShadowStores(options, TimeProvider.System);
        await using var shadow = await shadows.CreateAsync();
        await shadow.ApplyAsync(TestFacts.Batch([TestFacts.Fact("new").At(0, 0)], null, TestFacts.Bookmark(0, 1)));
        await shadows.PromoteAsync(shadow);
        await shadows.DiscardAsync(live);

        Assert.NotNull(await reader.FindAsync("new"));
    }

    [Fact]
    public async Task The_shadow_of_a_crashed_rebuild_is_dropped_when_the_next_one_starts_and_the_live_schema_is_kept()
    {
        var options = _stores.NewOptions();
        var live = _stores.Open(options);
        var clock = new SteppingClock();
        var shadows = new PostgresShadowStores(options, clock);
        var crashed = (PostgresProjectionStore)await shadows.CreateAsync();
        await crashed.DisposeAsync();

        await using var next = (PostgresProjectionStore)await shadows.CreateAsync();

        Assert.Equal([options.Schema, next.Schema], await postgres.SchemaFamilyAsync(options.Schema));
        Assert.NotEqual(crashed.Schema, next.Schema);
        Assert.Empty(await live.ReadBookmarksAsync()); // the live schema still works
    }

    [Fact]
    public async Task One_rebuild_at_a_time_another_instance_cannot_start_one_until_the_first_has_ended()
    {
        var options = _stores.NewOptions();
        _stores.Open(options);
        var first = new PostgresShadowStores(options, TimeProvider.System);
        var second = new PostgresShadowStores(options, TimeProvider.System);
        var shadow = await first.CreateAsync();

        var refused = await Assert.ThrowsAsync<RebuildElsewhereException>(() => second.CreateAsync());
        Assert.Contains("another instance is rebuilding", refused.Message);
        Assert.Contains(((PostgresProjectionStore)shadow).Schema, await postgres.SchemaFamilyAsync(options.Schema));

        await first.DiscardAsync(shadow);
        await using var next = await second.CreateAsync();
        Assert.IsType<PostgresProjectionStore>(next);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _stores.DisposeAsync().AsTask();

    /// <summary>Each reading a millisecond later: shadows made one after the other get distinct names.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now = _now.AddMilliseconds(1);
    }
}
