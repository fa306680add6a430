using System.Diagnostics.Metrics;

namespace Factline.Projection;

/// <summary>
/// The live projector's <see cref="ProjectorStatistics"/> as <see cref="System.Diagnostics.Metrics"/> instruments of the
/// meter <see cref="MeterName"/>, read when a listener collects (an OpenTelemetry exporter, <c>dotnet-counters</c>): the
/// projector's own path pays nothing for them. How far the log has been read is in <c>GET {base}/status</c>.
/// </summary>
public static class ProjectorMetrics
{
    public const string MeterName = "Factline.Projector";

    /// <summary>Publishes <paramref name="statistics"/> on a meter of <paramref name="meters"/> (which disposes it).</summary>
    public static void Publish(IMeterFactory meters, ProjectorStatistics statistics)
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
        meter.CreateObservableCounter("factline.projector.refused_batches", () => statistics.RefusedBatches, "{batch}",
            "Batches refused because another instance had claimed some of their partitions");
    }
}
