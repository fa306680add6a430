using System.Diagnostics.Metrics;
using Factline.Projection.Evidence;

namespace Factline.Projection;

/// <summary>
/// The live projector's <see cref="ProjectorStatistics"/> and how far it has read the log, as
/// <see cref="System.Diagnostics.Metrics"/> instruments of the meter <see cref="MeterName"/>. They are read when a
/// listener collects (an OpenTelemetry exporter, <c>dotnet-counters</c>): the projector's own path pays nothing for them.
/// </summary>
public static class ProjectorMetrics
{
    public const string MeterName = "Factline.Projector";

    /// <summary>Publishes <paramref name="statistics"/> and <paramref name="progress"/> on a meter of <paramref name="meters"/> (which disposes it).</summary>
    public static void Publish(IMeterFactory meters, ProjectorStatistics statistics, IReadProgressSource progress)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("factline.projector.records", () => statistics.Records, "{record}",
            "Records applied to the store: facts and quarantined records");
        meter.CreateObservableCounter("factline.projector.facts", () => statistics.Inserted, "{fact}",
            "Facts stored for the first time");
        meter.CreateObservableCounter("factline.projector.duplicates", () => statistics.Duplicates, "{fact}",
            "Facts delivered again with the content already stored");
        meter.CreateObservableCounter("factline.projector.conflicts", () => statistics.Conflicts, "{fact}",
            "Facts with a stored eventId but other content, quarantined as conflicts");
        meter.CreateObservableCounter("factline.projector.quarantined", () => statistics.Quarantined, "{record}",
            "Records that could not become facts (malformed, oversized, ...), quarantined");
        meter.CreateObservableCounter("factline.projector.batches", () => statistics.Batches, "{batch}",
            "Batches applied, each in one store transaction with its bookmarks");
        meter.CreateObservableCounter("factline.projector.apply.time", () => statistics.ApplyTime.TotalSeconds, "s",
            "Time spent applying those batches, retries included");
        meter.CreateObservableCounter("factline.projector.apply.retries", () => statistics.ApplyRetries, "{attempt}",
            "Failed applies tried again; the projector gives up after its configured retries and stops the process");
        meter.CreateObservableCounter("factline.projector.refused_batches", () => statistics.RefusedBatches, "{batch}",
            "Batches refused because another instance had claimed some of their partitions");
        meter.CreateObservableGauge("factline.log.lag", () => PerPartition(progress, (_, partition) => partition.Lag), "{record}",
            "Records in the log not read yet, per partition (none while the log end is not known)");
        meter.CreateObservableGauge("factline.log.lost_records", () => PerPartition<long>(progress, (_, partition) => partition.LostRecords), "{record}",
            "Records retention deleted before they were read, per partition: a history gap when above 0");
        // Timelines judge stalls by log time, which stops when the whole log goes quiet: this is how that shows.
        meter.CreateObservableGauge("factline.log.newest_record_age",
            () => PerPartition(progress, (read, partition) => (read.TakenAt - partition.ObservedThrough)?.TotalSeconds), "s",
            "How long ago, by this machine's clock, the newest record read was written (its broker time), per partition: " +
            "growing while nothing is written there (none before a record is read)");
    }

    private static IEnumerable<Measurement<T>> PerPartition<T>(IReadProgressSource source, Func<ReadProgress, PartitionProgress, T?> value)
        where T : struct
    {
        // Collection is synchronous; the progress is one read of the store's bookmarks beside Kafka's cached watermarks.
        var progress = source.CurrentAsync().GetAwaiter().GetResult();
        foreach (var partition in progress.Partitions)
        {
            if (value(progress, partition) is { } measured)
                yield return new(measured, new("topic", partition.Partition.Topic), new("partition", partition.Partition.Partition));
        }
    }
}
