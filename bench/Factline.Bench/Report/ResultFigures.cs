using Factline.Bench.Ingest;
using Factline.Bench.Queries;
using Factline.Bench.Suite;

namespace Factline.Bench.Report;

/// <summary>The figures the results page and the targets read, as spreads over the runs; null when not measured.</summary>
internal static class ResultFigures
{
    public static Spread? IngestRate(this SuiteResults results, string target) =>
        SpreadOf(results.Ingest, target, m => m.FactsPerSecond);

    public static Spread? IngestPeakMemory(this SuiteResults results, string target) =>
        SpreadOf(results.Ingest, target, m => m.PeakResidentBytes);

    public static Spread? IngestRatio(this SuiteResults results, string target) =>
        results.Ingest.Measured(target) ? Spread.Of(results.Ingest.RatiosToBaseline(target)) : null;

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
        results.Ingest.Measured(store) && results.Ingest.RunsOf(store).All(m => m.StoreBytesOpen is not null)
            ? Spread.Of(results.Ingest.RunsOf(store).Select(m => m.StoreBytesOpen!.Value / (double)results.Corpus.RawBytes))
            : null;

    private static Spread? SpreadOf(IngestResults ingest, string target, Func<IngestMeasurement, double> figure) =>
        ingest.Measured(target) ? Spread.Of(ingest.RunsOf(target).Select(figure)) : null;
}
