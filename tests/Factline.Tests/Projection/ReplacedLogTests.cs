using Factline.Projection;
using Factline.Projection.Rebuild;
using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Tests.Api;
using Factline.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Factline.Tests.Projection;

/// <summary>
/// A partition whose log ends before the projection's bookmark was replaced under it (the topic was created again, or
/// truncated): its offsets now hold other records. Reading on from the bookmark would skip them without a word, and
/// reading them would mix two logs' records at the same positions: the partition is paused and the offsets the
/// projection will not read are recorded as a history gap, once.
/// </summary>
[Collection(MockKafkaCollection.Name)]
public sealed class ReplacedLogTests(MockKafkaFixture kafka)
{
    [Fact]
    public async Task A_log_that_ends_before_the_bookmark_is_a_history_gap_recorded_once_and_its_records_are_not_mixed_in()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        var partition = new PartitionId(topic, 0);
        var produced = SimulatedLog.Produce(kafka, topic, 5);
        await using var store = new MemoryProjectionStore();
        // The projection had read 1,000 records of the log this topic held before.
        await store.ApplyAsync(new ProjectionBatch([], [], [new Bookmark(partition, 1_000)]));
        var logs = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));

        await RunUntilAsync(topic, store, loggers, () => GapRecordedAsync(store, partition));
        await RunUntilAsync(topic, store, loggers, () => Task.FromResult(logs.Entries.Count(e => e.Level == LogLevel.Error) == 2));

        var bookmark = (await store.ReadBookmarksAsync())[partition];
        Assert.Equal((1_000, 1_000, 1_000), (bookmark.NextOffset, bookmark.LostRecords, bookmark.UnbrokenFrom));
        Assert.Equal(0, (await store.ReadCountersAsync()).Facts);
        Assert.All(logs.Entries.Where(e => e.Level == LogLevel.Error), error => Assert.StartsWith(
            $"The log of {partition} ends at offset {produced.Count}, before this projection's bookmark 1000: the topic was created again or truncated under it. " +
            "Its offsets 0..999, which the log holds now or will hold, will not be read by this projection (a history gap)", error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_partition_paused_for_a_replaced_log_is_read_again_once_the_store_is_rebuilt_from_that_log()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        var partition = new PartitionId(topic, 0);
        var produced = SimulatedLog.Produce(kafka, topic, 5);
        var stale = new MemoryProjectionStore();
        await stale.ApplyAsync(new ProjectionBatch([], [], [new Bookmark(partition, 1_000)]));
        await using var live = new SwappableProjectionStore(stale);
        var projector = InProcessProjection.Create(kafka.Options(topic), live);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => projector.RunAsync(stop.Token));
        await InProcessProjection.WaitUntilAsync(() => GapRecordedAsync(stale, partition), run);

        // What a rebuild does: the projector stands still, the live store becomes one replayed from the log as it is now.
        await using (await projector.PauseAsync())
            await (await live.ReplaceAsync(new MemoryProjectionStore())).DisposeAsync();
        await InProcessProjection.WaitUntilAsync(async () => (await live.ReadCountersAsync()).Facts == produced.Count, run);
        await stop.CancelAsync();
        await run;

        Assert.Equal(produced.Count, (await live.ReadBookmarksAsync())[partition].NextOffset);
    }

    /// <summary>One run of a projector (a start of the service) over the store, until <paramref name="done"/>.</summary>
    private async Task RunUntilAsync(string topic, MemoryProjectionStore store, ILoggerFactory loggers, Func<Task<bool>> done)
    {
        var projector = InProcessProjection.Create(kafka.Options(topic), store, logger: loggers.CreateLogger<Projector>());
        await InProcessProjection.RunUntilAsync(projector, done);
    }

    private static async Task<bool> GapRecordedAsync(MemoryProjectionStore store, PartitionId partition) =>
        (await store.ReadBookmarksAsync()).TryGetValue(partition, out var bookmark) && bookmark.LostRecords > 0;
}
