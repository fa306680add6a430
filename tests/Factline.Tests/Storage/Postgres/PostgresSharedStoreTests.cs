using Factline.Storage;
using Factline.Storage.Queries;
using Factline.Tests.Infrastructure;
using Factline.Tests.Storage.Contract;

namespace Factline.Tests.Storage.Postgres;

/// <summary>Several instances sharing one projection: each writes its own partitions, all of them read everything.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSharedStoreTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int Rounds = 8;
    private const int FactsPerBatch = 250;

    private readonly PostgresStores _stores = new(postgres);

    [Fact]
    public async Task What_one_instance_applies_another_reads()
    {
        var options = _stores.NewOptions();
        var writer = _stores.Open(options);
        var reader = _stores.Open(options);
        var fact = TestFacts.Fact("e1").At(0, 0);

        await writer.ApplyAsync(TestFacts.Batch([fact], null, TestFacts.Bookmark(0, 1)));

        StoreAssert.SameFact(fact, await reader.FindAsync("e1"));
        Assert.Equal(1, (await reader.ReadBookmarksAsync())[fact.Position.PartitionId].NextOffset);
        Assert.Equal(1, (await reader.ReadCountersAsync()).Facts);
    }

    [Fact]
    public async Task Instances_applying_the_same_event_ids_at_once_keep_each_fact_exactly_once()
    {
        var options = _stores.NewOptions();
        var instances = Enumerable.Range(0, 3).Select(_ => _stores.Open(options)).ToArray();

        // Every instance receives every fact, in its own partition and its own order within a batch:
        // the writes contend for the same eventIds in different orders at the same time.
        var results = await Task.WhenAll(instances.Select((store, partition) => Task.Run(async () =>
        {
            var applied = new List<ApplyResult>();
            for (var round = 0; round < Rounds; round++)
            {
                var ids = Enumerable.Range(round * FactsPerBatch, FactsPerBatch).ToArray();
                Random.Shared.Shuffle(ids);
                var facts = ids.Select((id, index) => TestFacts.Fact($"s-{id}").At(partition, round * FactsPerBatch + index)).ToList();
                applied.Add(await store.ApplyAsync(TestFacts.Batch(facts, null, TestFacts.Bookmark(partition, (round + 1) * FactsPerBatch))));
            }
            return applied;
        })));

        var all = results.SelectMany(applied => applied).ToList();
        const int distinct = Rounds * FactsPerBatch;
        Assert.Equal((distinct, 2 * distinct, 0), (all.Sum(r => r.Inserted), all.Sum(r => r.Duplicates), all.Sum(r => r.Conflicts)));
        Assert.Equal(distinct, (await instances[0].QueryAsync(new FactQuery { Limit = 0 })).Total);
        var counters = await instances[1].ReadCountersAsync();
        Assert.Equal((distinct, 2L * distinct), (counters.Facts, counters.Duplicates));
        Assert.All(await instances[2].ReadBookmarksAsync(), bookmark => Assert.Equal(distinct, bookmark.Value.NextOffset));
    }

    [Fact]
    public async Task A_claim_by_one_instance_fences_the_batch_another_instance_still_has_in_flight()
    {
        var options = _stores.NewOptions();
        var previousOwner = _stores.Open(options);
        var newOwner = _stores.Open(options);
        var partition = TestFacts.Bookmark(0, 0).Partition;
        var lost = (await previousOwner.ClaimAsync([partition]))[partition];
        var taken = (await newOwner.ClaimAsync([partition]))[partition];

        await Assert.ThrowsAsync<StaleOwnerException>(() =>
            previousOwner.ApplyAsync(TestFacts.Batch([TestFacts.Fact("e1").At(0, 0)], null, lost with { NextOffset = 1 })));
        await newOwner.ApplyAsync(TestFacts.Batch([TestFacts.Fact("e1").At(0, 0)], null, taken with { NextOffset = 1 }));

        Assert.Equal(1, (await previousOwner.ReadCountersAsync()).Facts);
        Assert.Equal(taken with { NextOffset = 1 }, (await previousOwner.ReadBookmarksAsync())[partition]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _stores.DisposeAsync().AsTask();
}
