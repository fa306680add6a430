using System.Text.Json.Serialization;
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
    IReadOnlyList<string> StoreNames,
    int Seed,
    SamplingBudget QueryBudget,
    WrkSettings Http,
    string WorkDirectory,
    string ResultsPath,
    string Command)
{
    public string Topic => "bench.facts";
    public string SamplesPath => Path.Combine(WorkDirectory, "samples.json");

    /// <summary>Every figure of the run, saved before the page is written so the page can be written again (<c>report</c>).</summary>
    public string ResultsFile => Path.Combine(WorkDirectory, "results.json");

    [JsonIgnore]
    public IReadOnlyList<BenchStore> Stores => [.. StoreNames.Select(BenchStores.Named)];

    [JsonIgnore]
    public IEnumerable<BenchStore> PersistentStores => Stores.Where(s => s.IsPersistent);
}
