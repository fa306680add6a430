using Factline.Bench.Http;
using Factline.Bench.Queries;
using Factline.Bench.Stores;

namespace Factline.Bench.Suite;

/// <summary>Everything one bench run is told, as given on the command line.</summary>
/// <param name="Runs">How often each measurement is repeated; figures are the median of the runs.</param>
/// <param name="Command">The command as typed, for the results page.</param>
public sealed record BenchSettings(
    long Facts,
    int Runs,
    int Partitions,
    IReadOnlyList<BenchStore> Stores,
    int Seed,
    SamplingBudget QueryBudget,
    WrkSettings Http,
    string WorkDirectory,
    string ResultsPath,
    string Command)
{
    public string Topic => "bench.facts";
    public string SamplesPath => Path.Combine(WorkDirectory, "samples.json");

    public IEnumerable<BenchStore> PersistentStores => Stores.Where(s => s.IsPersistent);
}
