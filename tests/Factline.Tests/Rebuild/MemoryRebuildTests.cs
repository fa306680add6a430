using Factline.Projection;
using Factline.Projection.Evidence;
using Factline.Projection.Rebuild;
using Factline.Projection.Replay;
using Factline.Storage.Memory;
using Factline.Tests.Infrastructure;
using Factline.Tests.Projection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Factline.Tests.Rebuild;

/// <summary>A rebuild of a memory store while facts keep arriving: the hand-over loses nothing and doubles nothing.</summary>
[Collection(MockKafkaCollection.Name)]
public sealed class MemoryRebuildTests(MockKafkaFixture kafka)
{
    [Fact]
    public async Task Facts_produced_during_the_rebuild_are_all_in_the_new_store_exactly_once()
    {
        var topic = kafka.CreateTopic(partitions: 3);
        var produced = SimulatedLog.Produce(kafka, topic, 2_000, seed: 1).ToList();
        var cluster = kafka.Options(topic);
        var options = new ProjectorOptions { MaxBatchSize = 100 };
        await using var live = new SwappableProjectionStore(new MemoryProjectionStore());
        var liveProjector = InProcessProjection.Create(cluster, live, options);
        using var stopLive = new CancellationTokenSource();
        var liveRun = Task.Run(() => liveProjector.RunAsync(stopLive.Token));
        await InProcessProjection.WaitUntilAsync(() => InProcessProjection.HasReachedAsync(live, SimulatedLog.Ends(kafka, topic)), liveRun);
        var replaced = live.Current;

        using var watermarks = new LogWatermarkMonitor(cluster, NullLogger<LogWatermarkMonitor>.Instance);
        var projectors = new ProjectorFactory(cluster, options, new KafkaOffsetsForTimes(cluster, NullLogger<KafkaOffsetsForTimes>.Instance), NullLogger<Projector>.Instance);
        await using var rebuilder = new ProjectionRebuilder(live, new MemoryShadowStores(), liveProjector, projectors, watermarks,
            new RebuildOptions { ProgressInterval = TimeSpan.FromMilliseconds(20) }, TimeProvider.System, NullLogger<ProjectionRebuilder>.Instance);
        Assert.True((await rebuilder.StartAsync()).Started);
        var producing = Task.Run(() =>
        {
            for (var seed = 2; seed < 12; seed++)
                produced.AddRange(SimulatedLog.Produce(kafka, topic, 200, seed));
        });
        var result = await rebuilder.WaitAsync();
        await producing;
        await InProcessProjection.WaitUntilAsync(() => InProcessProjection.HasReachedAsync(live, SimulatedLog.Ends(kafka, topic)), liveRun);
        await stopLive.CancelAsync();
        await liveRun;

        Assert.Equal(RebuildPhase.Completed, result?.Phase);
        Assert.NotSame(replaced, live.Current);
        var counters = await live.ReadCountersAsync();
        Assert.Equal(produced.Count, counters.Facts);
        Assert.Equal(0, counters.Duplicates);
        Assert.Equal(produced.Select(f => f.EventId).Order(StringComparer.Ordinal), (await StoreContents.ReadAllAsync(live)).Select(f => f.Fact.EventId));
    }
}
