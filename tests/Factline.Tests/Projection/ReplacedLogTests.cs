using Factline.Projection;
using Factline.Projection.Rebuild;
using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Tests.Api;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Projection;

/// <summary>
/// A partition whose log ends before the projection's bookmark, or no longer holds the record the bookmark says was read
/// last, was replaced under it (the topic was created again, or truncated): its offsets now hold other records. Reading
/// on from the bookmark would skip them without a word, and reading them would mix two logs' records at the same
/// positions: the partition is paused and the offsets the projection will not read are recorded as a history gap, once.
/// Every start checks the last record read; over the same log, that check reads nothing twice and skips nothing.
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
        await using var store = await ReadAThousandRecordsBeforeAsync(partition);
        var logs = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));

        await RunUntilAsync(topic, store, loggers, () => GapRecordedAsync(store, partition));
        await RunUntilAsync(topic, store, loggers, () => Task.FromResult(logs.Entries.Count(e => e.Level == LogLevel.Error) == 2));

        var bookmark = (await store.ReadBookmarksAsync())[partition];
        Assert.Equal((1_000, 1_000, 1_000, true), (bookmark.NextOffset, bookmark.LostRecords, bookmark.UnbrokenFrom, bookmark.LogReplaced));
        Assert.Equal(0, (await store.ReadCountersAsync()).Facts);
        var errors = logs.Entries.Where(e => e.Level == LogLevel.Error).Select(e => e.Message).ToArray();
        const string rest = ": the topic was created again or truncated under this projection, whose bookmark there is 1000. " +
            "Its offsets 0..999, which the log holds now or will hold, are not read into this view (a history gap), and the partition is paused " +
            "until a rebuild has read the log as it is now (factline rebuild)";
        Assert.Equal([$"The log of {partition} ends at offset {produced.Count}{rest}", $"The log of {partition} was replaced, as its bookmark records{rest}"], errors);
    }

    [Fact]
    public async Task A_partition_paused_for_a_replaced_log_is_read_again_once_the_store_is_rebuilt_from_that_log()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        var partition = new PartitionId(topic, 0);
        var produced = SimulatedLog.Produce(kafka, topic, 5);
        var stale = await ReadAThousandRecordsBeforeAsync(partition);
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

    [Fact]
    public async Task A_start_over_the_same_log_checks_the_last_record_read_and_reads_on_without_reading_it_again()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        var partition = new PartitionId(topic, 0);
        var first = SimulatedLog.Produce(kafka, topic, 5);
        await using var store = new MemoryProjectionStore();
        var logs = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
        await RunUntilAsync(topic, store, loggers, () => InProcessProjection.HasReachedAsync(store, SimulatedLog.Ends(kafka, topic)));
        Assert.Equal(first.Count - 1, (await store.ReadBookmarksAsync())[partition].LastRead?.Offset);

        var second = SimulatedLog.Produce(kafka, topic, 5, seed: 8);
        await RunUntilAsync(topic, store, loggers, () => InProcessProjection.HasReachedAsync(store, SimulatedLog.Ends(kafka, topic)));

        var counters = await store.ReadCountersAsync();
        Assert.Equal((first.Count + second.Count, 0), (counters.Facts, counters.Duplicates));
        var bookmark = (await store.ReadBookmarksAsync())[partition];
        Assert.Equal((first.Count + second.Count, 0), (bookmark.NextOffset, bookmark.LostRecords));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_log_replaced_while_nobody_read_it_and_grown_past_the_bookmark_is_a_history_gap_and_not_mixed_in()
    {
        var before = kafka.CreateTopic(partitions: 1);
        SimulatedLog.Produce(kafka, before, 5);
        await using var readBefore = new MemoryProjectionStore();
        await InProcessProjection.RunUntilAsync(
            InProcessProjection.Create(kafka.Options(before), readBefore), readBefore, SimulatedLog.Ends(kafka, before));
        var bookmarkBefore = (await readBefore.ReadBookmarksAsync())[new PartitionId(before, 0)];
        // The same topic name over a new log, longer than the one read before: the bookmark taken over as it was.
        var replaced = kafka.CreateTopic(partitions: 1);
        var partition = new PartitionId(replaced, 0);
        var produced = SimulatedLog.Produce(kafka, replaced, 2 * (int)bookmarkBefore.NextOffset, seed: 8);
        await using var store = new MemoryProjectionStore();
        await store.ApplyAsync(new ProjectionBatch([], [], [bookmarkBefore with { Partition = partition }]));
        var logs = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));

        await RunUntilAsync(replaced, store, loggers, async () => (await store.ReadBookmarksAsync())[partition].LostRecords > 0);

        Assert.True(produced.Count > bookmarkBefore.NextOffset);
        var bookmark = (await store.ReadBookmarksAsync())[partition];
        var read = bookmarkBefore.NextOffset;
        Assert.Equal((read, read, read), (bookmark.NextOffset, bookmark.LostRecords, bookmark.UnbrokenFrom));
        Assert.Equal(0, (await store.ReadCountersAsync()).Facts);
        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.StartsWith(
            $"The log of {partition} holds another record at offset {read - 1} than the one this projection read there: " +
            $"the topic was created again or truncated under this projection, whose bookmark there is {read}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_position_before_the_bookmark_is_honoured_after_the_check()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        var produced = SimulatedLog.Produce(kafka, topic, 5);
        await using var store = new MemoryProjectionStore();
        await InProcessProjection.RunUntilAsync(InProcessProjection.Create(kafka.Options(topic), store), store, SimulatedLog.Ends(kafka, topic));

        var fromStart = InProcessProjection.Create(kafka.Options(topic), store, new ProjectorOptions { StartFrom = "earliest" });
        await InProcessProjection.RunUntilAsync(fromStart, async () => (await store.ReadCountersAsync()).Duplicates >= produced.Count);

        var counters = await store.ReadCountersAsync();
        Assert.Equal((produced.Count, produced.Count), (counters.Facts, counters.Duplicates));
    }

    [Fact]
    public async Task A_pause_released_without_a_rebuild_keeps_a_partition_whose_log_was_replaced_paused()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        var partition = new PartitionId(topic, 0);
        SimulatedLog.Produce(kafka, topic, 5);
        await using var store = new MemoryProjectionStore();
        // Read 3 records of another log: the one at offset 2 is not the one this log has there, which has grown past 3.
        await store.ApplyAsync(new ProjectionBatch([], [], [new Bookmark(partition, 3, LastRead: new RecordFingerprint(2, 42), FirstReadOffset: 0)]));
        var logs = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
        var projector = InProcessProjection.Create(kafka.Options(topic), store, logger: loggers.CreateLogger<Projector>());
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => projector.RunAsync(stop.Token));
        await InProcessProjection.WaitUntilAsync(async () => (await store.ReadBookmarksAsync())[partition].LogReplaced, run);

        // What a failed rebuild does: the live projector stands still, then goes on over the same store.
        await using (await projector.PauseAsync())
        {
        }
        await InProcessProjection.WaitUntilAsync(() => Task.FromResult(logs.Entries.Any(e => e.Message.Contains("was replaced, as its bookmark records"))), run);
        await stop.CancelAsync();
        await run;

        Assert.Equal(0, (await store.ReadCountersAsync()).Facts);
        var bookmark = (await store.ReadBookmarksAsync())[partition];
        Assert.Equal((3, true), (bookmark.NextOffset, bookmark.LogReplaced));
    }

    [Fact]
    public async Task A_projector_whose_partitions_are_all_paused_for_a_replaced_log_notices_a_rebuild_made_elsewhere()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        var partition = new PartitionId(topic, 0);
        var produced = SimulatedLog.Produce(kafka, topic, 5);
        var stale = await ReadAThousandRecordsBeforeAsync(partition);
        var store = new RebuiltElsewhere(stale);
        var projector = InProcessProjection.Create(kafka.Options(topic), store);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => projector.RunAsync(stop.Token));
        await InProcessProjection.WaitUntilAsync(() => GapRecordedAsync(stale, partition), run);

        // Another instance sharing the store rebuilt it: this one makes no batch that could be refused for it.
        var rebuilt = new MemoryProjectionStore();
        store.Rebuild(rebuilt);
        await InProcessProjection.WaitUntilAsync(async () => (await rebuilt.ReadCountersAsync()).Facts == produced.Count, run);
        await stop.CancelAsync();
        await run;

        Assert.False((await rebuilt.ReadBookmarksAsync())[partition].LogReplaced);
    }

    /// <summary>One run of a projector (a start of the service) over the store, until <paramref name="done"/>.</summary>
    private async Task RunUntilAsync(string topic, MemoryProjectionStore store, ILoggerFactory loggers, Func<Task<bool>> done)
    {
        var projector = InProcessProjection.Create(kafka.Options(topic), store, logger: loggers.CreateLogger<Projector>());
        await InProcessProjection.RunUntilAsync(projector, done);
    }

    /// <summary>A store whose projection had read 1,000 records of the log the partition held before.</summary>
    private static async Task<MemoryProjectionStore> ReadAThousandRecordsBeforeAsync(PartitionId partition)
    {
        var store = new MemoryProjectionStore();
        await store.ApplyAsync(new ProjectionBatch([], [], [new Bookmark(partition, 1_000)]));
        return store;
    }

    private static async Task<bool> GapRecordedAsync(MemoryProjectionStore store, PartitionId partition) =>
        (await store.ReadBookmarksAsync()).TryGetValue(partition, out var bookmark) && bookmark.LostRecords > 0;

    /// <summary>A store another instance can rebuild: the next batch is refused as for a projection replaced, and the rebuilt store takes over.</summary>
    private sealed class RebuiltElsewhere(IProjectionWriter initial) : IProjectionWriter
    {
        private volatile IProjectionWriter _current = initial;
        private volatile IProjectionWriter? _rebuilt;

        public void Rebuild(IProjectionWriter rebuilt) => _rebuilt = rebuilt;

        public Task<IReadOnlyDictionary<PartitionId, Bookmark>> ReadBookmarksAsync(CancellationToken cancellationToken = default) =>
            _current.ReadBookmarksAsync(cancellationToken);

        public Task<IReadOnlyDictionary<PartitionId, Bookmark>> ClaimAsync(IReadOnlyCollection<PartitionId> partitions, CancellationToken cancellationToken = default) =>
            _current.ClaimAsync(partitions, cancellationToken);

        public Task<ApplyResult> ApplyAsync(ProjectionBatch batch, CancellationToken cancellationToken = default)
        {
            if (_rebuilt is not { } rebuilt || rebuilt == _current)
                return _current.ApplyAsync(batch, cancellationToken);
            _current = rebuilt;
            throw new ProjectionReplacedException("a rebuilt store replaced the one this batch was read for");
        }
    }
}
