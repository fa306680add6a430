using Factline.Projection;
using Factline.Projection.DeadLetters;
using Factline.Projection.Evidence;
using Factline.Projection.Rebuild;
using Factline.Projection.Replay;
using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Storage.Queries;
using Factline.Tests.Infrastructure;
using Factline.Tests.Projection;
using Factline.Tests.Storage.Contract;
using Microsoft.Extensions.Logging.Abstractions;

namespace Factline.Tests.Rebuild;

/// <summary>
/// A rebuild reads every quarantined record again: the live projector passed on those it quarantined, so the shadow passes
/// on only what the live view has not quarantined, and none is missing from the dead-letter topic after the hand-over.
/// </summary>
[Collection(MockKafkaCollection.Name)]
public sealed class DeadLetterRebuildTests(MockKafkaFixture kafka)
{
    [Fact]
    public async Task A_rebuild_passes_on_only_the_quarantined_records_the_live_view_had_not_quarantined()
    {
        var topic = kafka.CreateTopic(partitions: 2);
        SimulatedLog.Produce(kafka, topic, 300, seed: 1);
        for (var i = 0; i < 3; i++)
            await kafka.ProduceRawAsync(topic, $"PO-DLT-{i}", "not json");
        var cluster = kafka.Options(topic);
        var options = new ProjectorOptions { MaxBatchSize = 50 };
        var sink = new RecordingSink();
        await using var live = new SwappableProjectionStore(new MemoryProjectionStore());
        var liveProjector = InProcessProjection.Create(cluster, live, options, deadLetters: sink);
        using var stopLive = new CancellationTokenSource();
        var liveRun = Task.Run(() => liveProjector.RunAsync(stopLive.Token));
        await InProcessProjection.WaitUntilAsync(() => InProcessProjection.HasReachedAsync(live, SimulatedLog.Ends(kafka, topic)), liveRun);
        Assert.Equal(3, sink.Positions.Count);

        using var watermarks = new LogWatermarkMonitor(cluster, NullLogger<LogWatermarkMonitor>.Instance);
        var projectors = new ProjectorFactory(cluster, options, new KafkaOffsetsForTimes(cluster, NullLogger<KafkaOffsetsForTimes>.Instance),
            NullLogger<Projector>.Instance, sink);
        await using var rebuilder = new ProjectionRebuilder(live, new MemoryShadowStores(), liveProjector, projectors, watermarks,
            new RebuildOptions { ProgressInterval = TimeSpan.FromMilliseconds(20) }, TimeProvider.System, NullLogger<ProjectionRebuilder>.Instance);
        Assert.True((await rebuilder.StartAsync()).Started);
        for (var i = 3; i < 6; i++)
        {
            SimulatedLog.Produce(kafka, topic, 100, seed: 1 + i);
            await kafka.ProduceRawAsync(topic, $"PO-DLT-{i}", "{");
        }
        Assert.Equal(RebuildPhase.Completed, (await rebuilder.WaitAsync())?.Phase);
        await InProcessProjection.WaitUntilAsync(() => InProcessProjection.HasReachedAsync(live, SimulatedLog.Ends(kafka, topic)), liveRun);
        await stopLive.CancelAsync();
        await liveRun;

        var quarantined = (await live.QueryQuarantineAsync(new QuarantineQuery())).Items.Select(entry => entry.Position.ToString()).ToList();
        Assert.Equal(6, quarantined.Count);
        Assert.Equal(quarantined.Order(), sink.Positions.Distinct().Order());
        // Those read before the rebuild were passed on by the live projector alone.
        Assert.All(sink.Positions.Take(3), position => Assert.Single(sink.Positions, position));
    }

    [Fact]
    public async Task A_shadow_passes_on_every_entry_the_live_view_has_not_quarantined_and_all_of_a_replaced_log()
    {
        await using var live = new MemoryProjectionStore();
        await live.ApplyAsync(TestFacts.Batch([], [Unreadable(0, 5), Unreadable(1, 2)],
            TestFacts.Bookmark(0, 10) with { FirstReadOffset = 3 }, TestFacts.Bookmark(1, 10) with { LogReplaced = true }));
        var sink = new RecordingSink();
        var shadow = new DeadLettersNewToLiveView(live, sink);

        // 0@1: before where the live view started reading; 0@7: read by the live view as a fact, a conflict to the shadow.
        shadow.Forward([Unreadable(0, 1), Unreadable(0, 5), Unreadable(0, 7), Unreadable(1, 2), Unreadable(2, 0)]);
        shadow.Forward([Unreadable(0, 5)]);

        Assert.Equal(["tmf.facts/0@1", "tmf.facts/0@7", "tmf.facts/1@2", "tmf.facts/2@0"], sink.Positions);
        Assert.Equal(1, sink.Calls);
    }

    private static QuarantineEntry Unreadable(int partition, long offset) =>
        TestFacts.Unreadable(TestFacts.Position(partition, offset), QuarantineReason.InvalidJson);

    private sealed class RecordingSink : IDeadLetterSink
    {
        private readonly Lock _gate = new();
        private readonly List<string> _positions = [];
        private int _calls;

        public IReadOnlyList<string> Positions
        {
            get
            {
                lock (_gate)
                    return [.. _positions];
            }
        }

        public int Calls => Volatile.Read(ref _calls);

        public void Forward(IReadOnlyList<QuarantineEntry> entries)
        {
            Interlocked.Increment(ref _calls);
            lock (_gate)
                _positions.AddRange(entries.Select(entry => entry.Position.ToString()));
        }
    }
}
