using System.Diagnostics.Metrics;
using Factline.Projection;
using Factline.Projection.Evidence;
using Factline.Storage;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Projection;

/// <summary>The per-partition gauges say what the read progress says, tagged by topic and partition.</summary>
public sealed class ProjectorMetricsTests
{
    private static readonly DateTimeOffset ReadAt = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Lag_lost_records_and_the_newest_records_age_are_measured_per_partition_and_an_unknown_log_end_has_no_lag()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var progress = new FixedProgress(
            new PartitionProgress(new PartitionId("tmf.facts", 0), NextOffset: 10, LogStartOffset: 0, LogEndOffset: 25, ObservedThrough: ReadAt.AddMinutes(-90), LostRecords: 0),
            new PartitionProgress(new PartitionId("tmf.facts", 1), NextOffset: 3, LogStartOffset: null, LogEndOffset: null, ObservedThrough: null, LostRecords: 0),
            new PartitionProgress(new PartitionId("tmf.facts", 2), NextOffset: 9, LogStartOffset: 9, LogEndOffset: 9, ObservedThrough: null, LostRecords: 4));

        ProjectorMetrics.Publish(meters, new ProjectorStatistics(), progress);
        var measured = ProjectorMeterReading.Measure(meters);

        Assert.Equal([(15.0, "0"), (0.0, "2")], measured["factline.log.lag"]);
        Assert.Equal([(0.0, "0"), (0.0, "1"), (4.0, "2")], measured["factline.log.lost_records"]);
        // Partition 0's newest record was written 90 minutes before the progress was read; the others have read none.
        Assert.Equal([(5_400.0, "0")], measured["factline.log.newest_record_age"]);
    }

    private sealed class FixedProgress(params PartitionProgress[] partitions) : IReadProgressSource
    {
        public Task<ReadProgress> CurrentAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(new ReadProgress(partitions, ReadAt));

        public int? PartitionFor(string topic, string key) => null;
    }
}
