using System.CommandLine;
using Factline.Bench.Stores;
using Factline.Projection;

namespace Factline.Bench.Probes;

/// <summary><c>probe-ingest</c>: where the projector's time per fact goes, for the analysis in RESULTS.md.</summary>
internal static class ProbeCommand
{
    private static readonly Option<long> Facts = new("--facts") { Description = "Facts to generate", DefaultValueFactory = _ => 1_000_000 };
    private static readonly Option<int> BatchSize = new("--batch-size") { Description = "Facts per applied batch (the projector's MaxBatchSize)", DefaultValueFactory = _ => new ProjectorOptions().MaxBatchSize };
    private static readonly Option<string[]> Stores = StoresOption.Create();
    private static readonly Option<int> Writers = new("--writers")
    {
        Description = "Writers applying batches at once, each those of its own partitions (as instances that share a store do)",
        DefaultValueFactory = _ => 1,
    };
    private static readonly Option<string> WorkDirectory = new("--work-dir") { Description = "Where the probe's stores are written", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "factline-bench") };

    public static Command Create()
    {
        var command = new Command("probe-ingest", "Time decoding and store applies (SQLite also with the eventId index only) without Kafka.")
        {
            Facts, BatchSize, Stores, Writers, WorkDirectory,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var writers = result.GetValue(Writers);
            if (writers < 1)
                throw new ArgumentException("--writers must be at least 1.");
            var probe = new IngestProbe(result.GetValue(BatchSize), writers, Path.GetFullPath(result.GetRequiredValue(WorkDirectory)));
            return IngestBreakdown.RunAsync(result.GetValue(Facts), StoresOption.Chosen(result, Stores), probe, seed: 20261126, cancellationToken);
        });
        return command;
    }
}
