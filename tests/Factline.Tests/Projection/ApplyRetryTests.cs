using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Projection;

/// <summary>A store that fails for a moment: the projector applies the batch again, and every fact lands once.</summary>
[Collection(MockKafkaCollection.Name)]
public sealed class ApplyRetryTests(MockKafkaFixture kafka)
{
    [Fact]
    public async Task Failed_applies_are_tried_again_counted_and_leave_every_fact_stored_once()
    {
        var topic = kafka.CreateTopic(partitions: 2);
        var produced = SimulatedLog.Produce(kafka, topic, 300);
        await using var store = new MemoryProjectionStore();
        var failing = new FailingFirstApplies(store, failures: 2);
        var projector = InProcessProjection.Create(kafka.Options(topic), failing);

        await InProcessProjection.RunUntilAsync(projector, store, SimulatedLog.Ends(kafka, topic));

        Assert.Equal(2, failing.Failed);
        Assert.Equal(2, projector.Statistics.ApplyRetries);
        var counters = await store.ReadCountersAsync();
        Assert.Equal(produced.Count, counters.Facts);
        Assert.Equal(0, counters.Duplicates);
        Assert.Equal(produced.Count, projector.Statistics.Inserted);
    }

    /// <summary>Throws, as a store whose server restarts would, on the first applies; then applies as the store does.</summary>
    private sealed class FailingFirstApplies(IProjectionWriter store, int failures) : IProjectionWriter
    {
        public int Failed { get; private set; }

        public Task<IReadOnlyDictionary<PartitionId, Bookmark>> ReadBookmarksAsync(CancellationToken cancellationToken = default) =>
            store.ReadBookmarksAsync(cancellationToken);

        public Task<IReadOnlyDictionary<PartitionId, Bookmark>> ClaimAsync(IReadOnlyCollection<PartitionId> partitions, CancellationToken cancellationToken = default) =>
            store.ClaimAsync(partitions, cancellationToken);

        public Task<ApplyResult> ApplyAsync(ProjectionBatch batch, CancellationToken cancellationToken = default)
        {
            if (Failed >= failures)
                return store.ApplyAsync(batch, cancellationToken);
            Failed++;
            throw new IOException("the store's server is restarting");
        }
    }
}
