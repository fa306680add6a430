using Factline.Storage.Sqlite;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Projection;

/// <summary>
/// A projector that lost its partitions without noticing yet (a rebalance it has not heard of: a long
/// pause, a network split) must not write them any more once the new owner has claimed them.
/// </summary>
[Collection(MockKafkaCollection.Name)]
public sealed class FencingTests(MockKafkaFixture kafka) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("factline-fencing-").FullName;

    [Fact]
    public async Task A_stale_owners_batches_are_refused_and_the_new_owner_projects_every_fact_once()
    {
        var topic = kafka.CreateTopic(partitions: 2);
        var first = SimulatedLog.Produce(kafka, topic, 200, seed: 1);
        await using var store = SqliteProjectionStore.Open(new SqliteStoreOptions { DataDirectory = _directory });
        var stale = InProcessProjection.Create(kafka.Options(topic), store);
        using var stopStale = new CancellationTokenSource();
        var staleRun = Task.Run(() => stale.RunAsync(stopStale.Token));
        await InProcessProjection.WaitUntilAsync(() => InProcessProjection.HasReachedAsync(store, SimulatedLog.Ends(kafka, topic)), staleRun);

        // Another instance takes both partitions, as a rebalance would, while the stale one still reads them.
        var claimed = await store.ClaimAsync([.. SimulatedLog.Ends(kafka, topic).Keys]);
        var second = SimulatedLog.Produce(kafka, topic, 200, seed: 2);
        await InProcessProjection.WaitUntilAsync(() => Task.FromResult(stale.Statistics.RefusedBatches > 0), staleRun);

        Assert.Equal(first.Count, (await store.ReadCountersAsync()).Facts);
        Assert.Equal(claimed, await store.ReadBookmarksAsync());

        var newOwner = InProcessProjection.Create(kafka.Options(topic), store);
        await InProcessProjection.RunUntilAsync(newOwner, store, SimulatedLog.Ends(kafka, topic));
        await stopStale.CancelAsync();
        await staleRun;

        // The new owner found the store exactly where the claim left it: nothing of the stale owner got in.
        Assert.Equal((second.Count, 0L), (newOwner.Statistics.Inserted, newOwner.Statistics.Duplicates));
        Assert.Equal(first.Count, stale.Statistics.Inserted);
        Assert.True(stale.Statistics.DroppedRecords > 0);
        var stored = await StoreContents.ReadAllAsync(store);
        Assert.Equal(first.Concat(second).Select(f => f.EventId).Order(StringComparer.Ordinal), stored.Select(f => f.Fact.EventId).Order(StringComparer.Ordinal));
        Assert.All((await store.ReadBookmarksAsync()).Values, bookmark => Assert.Equal(claimed[bookmark.Partition].OwnerGeneration + 1, bookmark.OwnerGeneration));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
