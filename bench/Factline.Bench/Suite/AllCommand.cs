using System.CommandLine;
using Factline.Bench.Corpus;
using Factline.Bench.Http;
using Factline.Bench.Queries;
using Factline.Bench.Report;
using Factline.Bench.Stores;

namespace Factline.Bench.Suite;

/// <summary><c>all</c>: every scenario, then bench/RESULTS.md.</summary>
internal static class AllCommand
{
    private static readonly Option<long> Facts = new("--facts") { Description = "Facts to load and replay", DefaultValueFactory = _ => 1_000_000 };
    private static readonly Option<int> Runs = new("--runs") { Description = "Runs per figure (the median is reported)", DefaultValueFactory = _ => 3 };
    private static readonly Option<int?> Partitions = new("--partitions") { Description = "Partitions of the bench topic (default: enough for the mock broker's retention)" };
    private static readonly Option<string[]> Stores = StoresOption.Create();
    private static readonly Option<int> Seed = new("--seed") { Description = "The simulator's seed", DefaultValueFactory = _ => 20261126 };
    private static readonly Option<double> QuerySeconds = new("--query-seconds") { Description = "Seconds of timed calls per query kind and run", DefaultValueFactory = _ => 2 };
    private static readonly Option<int> HttpSeconds = new("--http-seconds") { Description = "Seconds per wrk run", DefaultValueFactory = _ => 10 };
    private static readonly Option<int> Connections = new("--connections") { Description = "wrk connections", DefaultValueFactory = _ => 32 };
    private static readonly Option<int> Threads = new("--wrk-threads") { Description = "wrk threads", DefaultValueFactory = _ => 2 };
    private static readonly Option<string> WorkDirectory = new("--work-dir") { Description = "Where stores and samples are written (emptied of old stores)", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "factline-bench") };
    private static readonly Option<string> Output = new("--output") { Description = "The results page to write", DefaultValueFactory = _ => Path.Combine("bench", "RESULTS.md") };

    public static Command Create()
    {
        var command = new Command("all", "Run every benchmark scenario and write the results page.")
        {
            Facts, Runs, Partitions, Stores, Seed, QuerySeconds, HttpSeconds, Connections, Threads, WorkDirectory, Output,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = SettingsFrom(result);
            var results = await BenchSuite.RunAsync(settings, cancellationToken);
            ResultsFile.Save(results, settings.ResultsFile);
            var rebuildMemory = RebuildMemoryLedger.RecordBeside(settings.ResultsPath, results);
            ResultsPage.Write(results, settings.ResultsPath, rebuildMemory);
            Progress.Report("done", $"{settings.ResultsPath} written; the run took {results.Duration:m\\:ss}");
            foreach (var check in Targets.Check(results, rebuildMemory))
                Console.WriteLine($"  {check.Verdict,-40} {check.Target}: {check.Measured}");
        });
        return command;
    }

    private static BenchSettings SettingsFrom(ParseResult result)
    {
        var facts = result.GetValue(Facts);
        if (facts < 1)
            throw new ArgumentException("--facts must be at least 1.");
        var runs = Math.Max(1, result.GetValue(Runs));
        return new BenchSettings(
            facts,
            runs,
            result.GetValue(Partitions) ?? CorpusSettings.PartitionsFor(facts),
            [.. StoresOption.Chosen(result, Stores).Select(store => store.Name)],
            result.GetValue(Seed),
            new SamplingBudget(Warmup: TimeSpan.FromSeconds(5), Measure: TimeSpan.FromSeconds(result.GetValue(QuerySeconds))),
            new WrkSettings(result.GetValue(Threads), result.GetValue(Connections), TimeSpan.FromSeconds(result.GetValue(HttpSeconds))),
            Path.GetFullPath(result.GetRequiredValue(WorkDirectory)),
            Path.GetFullPath(result.GetRequiredValue(Output)),
            Environment.GetEnvironmentVariable("BENCH_COMMAND")
                ?? $"dotnet run -c Release --project bench/Factline.Bench -- {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}");
    }
}
