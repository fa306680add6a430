using Factline.Bench.Ingest;
using Factline.Bench.Queries;
using Factline.Bench.Suite;

namespace Factline.Bench.Report;

/// <summary>The figures the results page and the targets read, as spreads over the runs; null when not measured.</summary>
internal static class ResultFigures
{
    public static Spread? IngestRate(this SuiteResults results, string target) =>
        SpreadOf(results.Ingest.RunsOf(target), m => m.FactsPerSecond, results.Settings.StoreNames.Contains(target) || target == IngestWorker.BareConsumer);

    public static Spread? IngestPeakMemory(this SuiteResults results, string target) =>
        SpreadOf(results.Ingest.RunsOf(target), m => m.PeakResidentBytes, results.Settings.StoreNames.Contains(target));

    public static Spread? IngestRatio(this SuiteResults results, string target) =>
        results.Settings.StoreNames.Contains(target) ? Spread.Of(results.Ingest.RatiosToBaseline(target)) : null;

    public static QueryKindRuns? QueryRuns(this SuiteResults results, string store, string kind) =>
        results.Queries.FirstOrDefault(q => q.Store == store)?.Kinds.FirstOrDefault(k => k.Kind == kind);

    public static Spread? QueryP50(this SuiteResults results, string store, string kind) =>
        results.QueryRuns(store, kind) is { } runs ? Spread.Of(runs.Runs.Select(r => r.P50Micros)) : null;

    public static Spread? QueryP99(this SuiteResults results, string store, string kind) =>
        results.QueryRuns(store, kind) is { } runs ? Spread.Of(runs.Runs.Select(r => r.P99Micros)) : null;

    public static HttpKindRuns? HttpRuns(this SuiteResults results, string store, string kind) =>
        results.Http.Stores.FirstOrDefault(s => s.Store == store)?.Kinds.FirstOrDefault(k => k.Kind == kind);

    public static Spread ScanSeconds(this SuiteResults results) => Spread.Of(results.Scan.Runs.Select(r => r.Seconds));

    /// <summary>The store's size with its write-ahead log, per byte of raw JSON, just after its last batch.</summary>
    public static Spread? StoreSizeRatio(this SuiteResults results, string store) =>
        SpreadOf(results.Ingest.RunsOf(store), m => (m.StoreBytesOpen ?? double.NaN) / results.Corpus.RawBytes,
            results.Settings.StoreNames.Contains(store) && results.Ingest.RunsOf(store).All(m => m.StoreBytesOpen is not null));

    private static Spread? SpreadOf(IEnumerable<IngestMeasurement> runs, Func<IngestMeasurement, double> figure, bool measured) =>
        measured ? Spread.Of(runs.Select(figure)) : null;
}
