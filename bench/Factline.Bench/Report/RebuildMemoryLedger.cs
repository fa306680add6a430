using System.Text.Json;
using Factline.Bench.Ingest;
using Factline.Bench.Suite;
using Factline.Bench.Workers;

namespace Factline.Bench.Report;

/// <summary>A rebuild's peak RSS at one log size: the medians of one run, and which run.</summary>
public sealed record RebuildMemory(long Facts, double? SqliteBytes, double? PostgresBytes, string Commit, DateTimeOffset MeasuredAt);

/// <summary>
/// The rebuilds' peak RSS per log size, kept beside the results pages (<c>rebuild-peak-rss.json</c>): one run
/// measures one log size, and whether the peak depends on the log's size is a comparison between runs. The newest
/// run of each size is kept.
/// </summary>
internal sealed class RebuildMemoryLedger
{
    /// <summary>How much more a rebuild may hold at the largest log size than at the smallest and still count as independent of it.</summary>
    public const double Tolerance = 1.25;

    public const string FileName = "rebuild-peak-rss.json";

    private static readonly JsonSerializerOptions Indented = new(BenchJson.Options) { WriteIndented = true };

    private readonly SortedDictionary<long, RebuildMemory> _bySize;

    private RebuildMemoryLedger(IEnumerable<RebuildMemory> entries) => _bySize = new(entries.ToDictionary(entry => entry.Facts));

    public IReadOnlyList<RebuildMemory> Entries => [.. _bySize.Values];

    /// <summary>The ledger kept beside <paramref name="resultsPage"/>; empty when there is none yet.</summary>
    public static RebuildMemoryLedger Beside(string resultsPage) => Load(PathBeside(resultsPage));

    /// <summary>Keeps the run's figures for its log size unless a newer run of that size is kept already.</summary>
    public void Record(SuiteResults results)
    {
        var sqlite = results.IngestPeakMemory(IngestWorker.SqliteRebuild)?.Median;
        var postgres = results.IngestPeakMemory(Targets.Postgres)?.Median;
        var facts = results.Settings.Facts;
        if ((sqlite is null && postgres is null) || (_bySize.TryGetValue(facts, out var kept) && kept.MeasuredAt > results.Environment.StartedAt))
            return;
        _bySize[facts] = new RebuildMemory(facts, sqlite, postgres, results.Environment.Commit, results.Environment.StartedAt);
    }

    /// <summary>Records <paramref name="results"/> in the ledger beside <paramref name="resultsPage"/> and returns the ledger.</summary>
    public static RebuildMemoryLedger RecordBeside(string resultsPage, SuiteResults results)
    {
        var ledger = Beside(resultsPage);
        ledger.Record(results);
        ledger.SaveBeside(resultsPage);
        return ledger;
    }

    public void SaveBeside(string resultsPage) =>
        File.WriteAllText(PathBeside(resultsPage), JsonSerializer.Serialize(Entries, Indented));

    private static RebuildMemoryLedger Load(string path) =>
        new(File.Exists(path) ? JsonSerializer.Deserialize<List<RebuildMemory>>(File.ReadAllText(path), BenchJson.Options) ?? [] : []);

    private static string PathBeside(string resultsPage) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(resultsPage))!, FileName);
}
