using Factline.Projection;
using Factline.Projection.Replay;
using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Factline.Tests.Projection;

/// <summary>Where the projector starts reading: the stored bookmark, earliest, explicit offsets, or a time.</summary>
[Collection(MockKafkaCollection.Name)]
public sealed class ReplayModeTests(MockKafkaFixture kafka)
{
    [Fact]
    public async Task Stored_resumes_every_partition_from_its_bookmark()
    {
        var topic = kafka.CreateTopic(partitions: 3);
        var first = SimulatedLog.Produce(kafka, topic, 300, seed: 1);
        await using var store = new MemoryProjectionStore();
        await InProcessProjection.RunUntilAsync(Create(topic, store, StartPosition.Stored), store, SimulatedLog.Ends(kafka, topic));

        var second = SimulatedLog.Produce(kafka, topic, 300, seed: 2);
        var resumed = Create(topic, store, StartPosition.Stored);
        await InProcessProjection.RunUntilAsync(resumed, store, SimulatedLog.Ends(kafka, topic));

        Assert.Equal(second.Count, resumed.Statistics.Records);
        var counters = await store.ReadCountersAsync();
        Assert.Equal(first.Count + second.Count, counters.Facts);
        Assert.Equal(0, counters.Duplicates);
    }

    [Fact]
    public async Task Earliest_rereads_every_record_and_the_store_absorbs_them_as_duplicates()
    {
        var topic = kafka.CreateTopic(partitions: 3);
        var facts = SimulatedLog.Produce(kafka, topic, 300);
        var ends = SimulatedLog.Ends(kafka, topic);
        await using var store = new MemoryProjectionStore();
        await InProcessProjection.RunUntilAsync(Create(topic, store, StartPosition.Stored), store, ends);

        var replay = Create(topic, store, StartPosition.Earliest);
        await InProcessProjection.RunUntilAsync(replay, () => Task.FromResult(replay.Statistics.Records >= facts.Count));

        Assert.Equal(facts.Count, replay.Statistics.Records);
        Assert.Equal(facts.Count, replay.Statistics.Duplicates);
        var counters = await store.ReadCountersAsync();
        Assert.Equal(facts.Count, counters.Facts);
        // The bookmarks never moved back while the replay re-read what the store already held.
        Assert.Equal(ends, (await store.ReadBookmarksAsync()).ToDictionary(b => b.Key, b => b.Value.NextOffset));
    }

    [Fact]
    public async Task Explicit_offsets_start_the_listed_partitions_there_and_record_the_skipped_records_as_a_gap()
    {
        var topic = kafka.CreateTopic(partitions: 3);
        var facts = SimulatedLog.Produce(kafka, topic, 300);
        var ends = SimulatedLog.Ends(kafka, topic);
        var start = StartPosition.Parse($"offsets:{topic}/0=5,{topic}/1=0");
        await using var store = new MemoryProjectionStore();

        await InProcessProjection.RunUntilAsync(Create(topic, store, start), store, ends);

        var bookmarks = await store.ReadBookmarksAsync();
        Assert.Equal(5, bookmarks[new PartitionId(topic, 0)].LostRecords);
        Assert.Equal(0, bookmarks[new PartitionId(topic, 1)].LostRecords);
        Assert.Equal(0, bookmarks[new PartitionId(topic, 2)].LostRecords); // not listed: from its (empty) bookmark
        Assert.Equal(ends, bookmarks.ToDictionary(b => b.Key, b => b.Value.NextOffset));
        var stored = await StoreContents.ReadAllAsync(store);
        Assert.Equal(facts.Count - 5, stored.Count);
        Assert.DoesNotContain(stored, f => f.Position.Partition == 0 && f.Position.Offset < 5);
    }

    [Fact]
    public async Task A_time_starts_every_partition_at_the_offset_offsets_for_times_finds()
    {
        var topic = kafka.CreateTopic(partitions: 3);
        var before = SimulatedLog.Produce(kafka, topic, 200, seed: 1);
        await Task.Delay(20);
        var from = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await Task.Delay(20);
        var after = SimulatedLog.Produce(kafka, topic, 200, seed: 2);
        var ends = SimulatedLog.Ends(kafka, topic);
        var offsetsForTimes = new LogScanOffsetsForTimes(kafka, topic);
        await using var store = new MemoryProjectionStore();

        var projector = Create(topic, store, new StartPosition.FromTime(from), offsetsForTimes);
        await InProcessProjection.RunUntilAsync(projector, store, ends);

        var request = Assert.Single(offsetsForTimes.Requests);
        Assert.Equal(from, request.Time);
        Assert.Equal(ends.Keys.OrderBy(p => p.Partition), request.Partitions.OrderBy(p => p.Partition));
        var stored = await StoreContents.ReadAllAsync(store);
        Assert.Equal(after.Select(f => f.EventId).Order(StringComparer.Ordinal), stored.Select(f => f.Fact.EventId));
        Assert.Equal(before.Count, (await store.ReadBookmarksAsync()).Values.Sum(b => b.LostRecords));
    }

    [Fact]
    public void Kafkas_offsets_for_times_answers_the_log_end_for_a_time_after_every_record()
    {
        var topic = kafka.CreateTopic(partitions: 2);
        SimulatedLog.Produce(kafka, topic, 50);
        var ends = SimulatedLog.Ends(kafka, topic);
        using var offsetsForTimes = new KafkaOffsetsForTimes(kafka.Options(topic), NullLogger<KafkaOffsetsForTimes>.Instance);

        var offsets = offsetsForTimes.Resolve([.. ends.Keys], DateTimeOffset.UtcNow.AddDays(1));

        Assert.Equal(ends, offsets);
    }

    private Projector Create(string topic, IProjectionWriter store, StartPosition start, IOffsetsForTimes? offsetsForTimes = null) =>
        InProcessProjection.Create(kafka.Options(topic), store, new ProjectorOptions().StartingFrom(start), offsetsForTimes);
}
