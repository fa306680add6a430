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
/// A rebuild reads every quarantined record again: the live projector passed on those it read, so the shadow passes on only
/// what the live view had not read, and none is missing from the dead-letter topic after the hand-over.
/// </summary>
[Collection(MockKafkaCollection.Name)]
public sealed class DeadLetterRebuildTests(MockKafkaFixture kafka)
{
    [Fact]
    public async Task A_rebuild_passes_on_only_the_quarantined_records_the_live_view_had_not_read()
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
    public async Task A_shadow_passes_on_what_lies_at_or_past_a_live_bookmark_in_a_replaced_log_or_in_a_partition_the_live_view_never_read()
    {
        await using var live = new MemoryProjectionStore();
        await live.ApplyAsync(TestFacts.Batch([], [], TestFacts.Bookmark(0, 10), TestFacts.Bookmark(1, 10) with { LogReplaced = true }));
        var sink = new RecordingSink();
        var shadow = new DeadLettersPastLiveView(live, sink);

        shadow.Forward([.. new[] { (0, 9L), (0, 10L), (1, 2L), (2, 0L) }.Select(at => TestFacts.Unreadable(TestFacts.Position(at.Item1, at.Item2), QuarantineReason.InvalidJson))]);
        shadow.Forward([TestFacts.Unreadable(TestFacts.Position(0, 3), QuarantineReason.InvalidJson)]);

        Assert.Equal(["tmf.facts/0@10", "tmf.facts/1@2", "tmf.facts/2@0"], sink.Positions);
        Assert.Equal(1, sink.Calls);
    }

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
