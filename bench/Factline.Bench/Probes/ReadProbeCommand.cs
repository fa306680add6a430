using System.CommandLine;
using Factline.Bench.Queries;

namespace Factline.Bench.Probes;

/// <summary><c>probe-read</c>: the in-process queries with their allocations, on a SQLite store kept between probes.</summary>
internal static class ReadProbeCommand
{
    private static readonly Option<long> Facts = new("--facts") { Description = "Facts in the probed store", DefaultValueFactory = _ => 1_000_000 };
    private static readonly Option<string> WorkDirectory = new("--work-dir") { Description = "Where the probed store is kept (and reused)", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "factline-bench") };
    private static readonly Option<double> Seconds = new("--query-seconds") { Description = "Seconds of timed calls per query kind and round", DefaultValueFactory = _ => 2 };
    private static readonly Option<int> Rounds = new("--rounds") { Description = "Rounds over every query kind", DefaultValueFactory = _ => 3 };

    public static Command Create()
    {
        var command = new Command("probe-read", "Time the in-process queries and their allocations on a SQLite store filled without Kafka.") { Facts, WorkDirectory, Seconds, Rounds };
        command.SetAction((result, cancellationToken) => ReadBreakdown.RunAsync(
            result.GetValue(Facts),
            seed: 20261126,
            Path.GetFullPath(result.GetRequiredValue(WorkDirectory)),
            new SamplingBudget(Warmup: TimeSpan.FromSeconds(5), Measure: TimeSpan.FromSeconds(result.GetValue(Seconds))),
            Math.Max(1, result.GetValue(Rounds)),
            cancellationToken));
        return command;
    }
}
