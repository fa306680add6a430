using Factline.Storage;
using Factline.Storage.Queries;

namespace Factline.Tests.Storage.Contract;

/// <summary>
/// Write fencing: claiming a partition moves its owner generation on, and a batch written under an
/// older generation (a stale owner that has not noticed the rebalance yet) is refused whole.
/// </summary>
public abstract partial class ProjectionStoreContract
{
    private static readonly PartitionId P0 = TestFacts.Bookmark(0, 0).Partition;
    private static readonly PartitionId P1 = TestFacts.Bookmark(1, 0).Partition;

    [Fact]
    public async Task A_claim_returns_the_stored_bookmark_with_a_generation_larger_than_every_claim_before_it()
    {
        var store = await NewStoreAsync();

        var first = await store.ClaimAsync([P0, P1]);
        await store.ApplyAsync(TestFacts.Batch([TestFacts.Fact("e1").At(0, 0)], null, first[P0] with { NextOffset = 1 }));
        var second = await store.ClaimAsync([P0]);

        Assert.Equal((0L, 1L), (first[P0].NextOffset, first[P0].OwnerGeneration));
        Assert.Equal((0L, 1L), (first[P1].NextOffset, first[P1].OwnerGeneration));
        Assert.Equal((1L, 2L), (second[P0].NextOffset, second[P0].OwnerGeneration));
        Assert.Equal(2, (await store.ReadBookmarksAsync())[P0].OwnerGeneration);
    }

    [Fact]
    public async Task A_stale_owners_batch_is_refused_and_changes_nothing()
    {
        var store = await NewStoreAsync();
        var staleOwner = (await store.ClaimAsync([P0]))[P0];
        await store.ApplyAsync(TestFacts.Batch([TestFacts.Fact("e1").At(0, 0)], null, staleOwner with { NextOffset = 1 }));
        var newOwner = (await store.ClaimAsync([P0]))[P0];

        var refused = await Assert.ThrowsAsync<StaleOwnerException>(() => store.ApplyAsync(TestFacts.Batch(
            [TestFacts.Fact("e2").At(0, 1)], [TestFacts.Unreadable(TestFacts.Position(0, 2), QuarantineReason.InvalidJson)],
            staleOwner with { NextOffset = 3 })));

        Assert.Equal([P0], refused.Partitions);
        Assert.Null(await store.FindAsync("e2"));
        Assert.Equal(0, (await store.QueryQuarantineAsync(new QuarantineQuery())).Total);
        Assert.Equal(newOwner, (await store.ReadBookmarksAsync())[P0]);
        Assert.Equal(1, (await store.ReadCountersAsync()).Facts);
    }

    [Fact]
    public async Task One_stale_partition_refuses_the_whole_batch_and_names_only_that_partition()
    {
        var store = await NewStoreAsync();
        var claimed = await store.ClaimAsync([P0, P1]);
        await store.ClaimAsync([P1]);

        var refused = await Assert.ThrowsAsync<StaleOwnerException>(() => store.ApplyAsync(TestFacts.Batch(
            [TestFacts.Fact("e1").At(0, 0), TestFacts.Fact("e2").At(1, 0)], null,
            claimed[P0] with { NextOffset = 1 }, claimed[P1] with { NextOffset = 1 })));

        Assert.Equal([P1], refused.Partitions);
        Assert.Null(await store.FindAsync("e1"));
        Assert.Equal(0, (await store.ReadBookmarksAsync())[P0].NextOffset);
    }

    [Fact]
    public async Task The_new_owner_writes_on_from_the_stored_bookmark()
    {
        var store = await NewStoreAsync();
        var staleOwner = (await store.ClaimAsync([P0]))[P0];
        var newOwner = (await store.ClaimAsync([P0]))[P0];
        await Assert.ThrowsAsync<StaleOwnerException>(() =>
            store.ApplyAsync(TestFacts.Batch([TestFacts.Fact("e1").At(0, 0)], null, staleOwner with { NextOffset = 1 })));

        var result = await store.ApplyAsync(TestFacts.Batch([TestFacts.Fact("e1").At(0, 0)], null, newOwner with { NextOffset = 1 }));

        Assert.Equal(new ApplyResult(1, 0, 0), result);
        Assert.Equal(newOwner with { NextOffset = 1 }, (await store.ReadBookmarksAsync())[P0]);
    }
}
