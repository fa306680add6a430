using System.CommandLine;
using Factline.Projection;

namespace Factline.Bench.Probes;

/// <summary><c>probe-ingest</c>: where the projector's time per fact goes, for the analysis in RESULTS.md.</summary>
internal static class ProbeCommand
{
    private static readonly Option<long> Facts = new("--facts") { Description = "Facts to generate", DefaultValueFactory = _ => 1_000_000 };
    private static readonly Option<int> BatchSize = new("--batch-size") { Description = "Facts per applied batch (the projector's MaxBatchSize)", DefaultValueFactory = _ => new ProjectorOptions().MaxBatchSize };
    private static readonly Option<string> WorkDirectory = new("--work-dir") { Description = "Where the probe's stores are written", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "factline-bench") };

    public static Command Create()
    {
        var command = new Command("probe-ingest", "Time decoding and SQLite applies (full schema, and eventId index only) without Kafka.") { Facts, BatchSize, WorkDirectory };
        command.SetAction((result, cancellationToken) =>
            IngestBreakdown.RunAsync(result.GetValue(Facts), result.GetValue(BatchSize), seed: 20261126, Path.GetFullPath(result.GetRequiredValue(WorkDirectory)), cancellationToken));
        return command;
    }
}
