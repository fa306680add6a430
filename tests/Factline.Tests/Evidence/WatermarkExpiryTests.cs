using Factline.Projection.Evidence;
using Factline.Storage.Memory;
using Factline.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Factline.Tests.Evidence;

/// <summary>
/// Log ends that Kafka has not confirmed for a while (it is down, or unreachable) no longer count: the projection is not
/// caught up and its lag is unknown, so no answer says "not found" or "complete" on the strength of an old reading.
/// </summary>
[Collection(MockKafkaCollection.Name)]
public sealed class WatermarkExpiryTests(MockKafkaFixture kafka)
{
    [Fact]
    public async Task Log_ends_older_than_the_maximum_age_leave_the_lag_unknown_and_nothing_caught_up()
    {
        var topic = kafka.CreateTopic(partitions: 2);
        using var producer = kafka.CreateFactProducer(topic);
        await producer.ProduceAsync(SampleFacts.Execution("PO-EXPIRY-1"));
        await using var store = new MemoryProjectionStore();
        var kafkaOptions = kafka.Options(topic);
        using var monitor = new LogWatermarkMonitor(kafkaOptions, NullLogger<LogWatermarkMonitor>.Instance);
        await monitor.RefreshAsync();
        var options = new EvidenceOptions { MaxWatermarkAge = TimeSpan.FromSeconds(15) };

        var fresh = await new ReadProgressSource(store, monitor, kafkaOptions, options, TimeProvider.System).CurrentAsync();
        var later = await new ReadProgressSource(store, monitor, kafkaOptions, options, new Later(TimeSpan.FromSeconds(16))).CurrentAsync();

        Assert.Equal(1, fresh.Lag);
        Assert.All(fresh.Partitions, p => Assert.False(p.WatermarksExpired));
        Assert.Null(later.Lag);
        Assert.False(later.CaughtUp);
        Assert.All(later.Partitions, p => Assert.True(p.WatermarksExpired));
        Assert.All(later.Partitions, p => Assert.Null(p.Lag));
        Assert.Equal(fresh.Partitions.Select(p => p.LogEndOffset), later.Partitions.Select(p => p.LogEndOffset)); // still shown as read
    }

    /// <summary>The wall clock some time from now: the monitor's readings age without waiting.</summary>
    private sealed class Later(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + ahead;
    }
}
