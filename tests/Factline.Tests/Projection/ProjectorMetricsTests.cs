using System.Diagnostics.Metrics;
using Factline.Projection;
using Factline.Projection.Evidence;
using Factline.Storage;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Projection;

/// <summary>The per-partition gauges say what the read progress says, tagged by topic and partition.</summary>
public sealed class ProjectorMetricsTests
{
    [Fact]
    public void Lag_and_lost_records_are_measured_per_partition_and_an_unknown_log_end_has_no_lag()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var progress = new FixedProgress(
            new PartitionProgress(new PartitionId("tmf.facts", 0), NextOffset: 10, LogStartOffset: 0, LogEndOffset: 25, ObservedThrough: null, LostRecords: 0),
            new PartitionProgress(new PartitionId("tmf.facts", 1), NextOffset: 3, LogStartOffset: null, LogEndOffset: null, ObservedThrough: null, LostRecords: 0),
            new PartitionProgress(new PartitionId("tmf.facts", 2), NextOffset: 9, LogStartOffset: 9, LogEndOffset: 9, ObservedThrough: null, LostRecords: 4));

        ProjectorMetrics.Publish(meters, new ProjectorStatistics(), progress);
        var measured = ProjectorMeterReading.Measure(meters);

        Assert.Equal([(15.0, "0"), (0.0, "2")], measured["factline.log.lag"]);
        Assert.Equal([(0.0, "0"), (0.0, "1"), (4.0, "2")], measured["factline.log.lost_records"]);
    }

    private sealed class FixedProgress(params PartitionProgress[] partitions) : IReadProgressSource
    {
        public Task<ReadProgress> CurrentAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(new ReadProgress(partitions, DateTimeOffset.UnixEpoch));

        public int? PartitionFor(string topic, string key) => null;
    }
}
