using Factline.Bench.Ingest;
using Factline.Bench.Queries;
using Factline.Bench.Suite;

namespace Factline.Bench.Report;

/// <summary>The targets of issue 7, checked against one run.</summary>
internal static class Targets
{
    private const string Sqlite = "sqlite";
    private const string Memory = "memory";
    private const string Postgres = "postgres";
    private const string NoSqlite = "the run did not include the SQLite store";
    private const string NoPostgres = "no PostgreSQL server in this run (see the end of the page)";
    private const string NoHttp = "no HTTP run (see section 3)";

    public static IReadOnlyList<TargetCheck> Check(SuiteResults results)
    {
        var timelineP50 = results.QueryP50(Sqlite, QueryKinds.Timeline);
        var scanRatio = timelineP50 is { } timeline
            ? new Spread(results.ScanSeconds().Median * 1e6 / timeline.Median, results.ScanSeconds().Min * 1e6 / timeline.Max, results.ScanSeconds().Max * 1e6 / timeline.Min)
            : (Spread?)null;

        return
        [
            TargetCheck.AtMost("In process, SQLite: eventId p99 ≤ 50 µs", results.QueryP99(Sqlite, QueryKinds.EventId), 50, Units.Micros, NoSqlite),
            TargetCheck.AtMost("In process, SQLite: timeline p99 ≤ 200 µs", results.QueryP99(Sqlite, QueryKinds.Timeline), 200, Units.Micros, NoSqlite),
            TargetCheck.AtMost("In process, SQLite: 3-filter search (limit 100) p99 ≤ 1 ms", results.QueryP99(Sqlite, QueryKinds.Search), 1_000, Units.Micros, NoSqlite),
            TargetCheck.AtLeast("Projector into memory ≥ 0.8 × the bare consumer (same round)", results.IngestRatio(Memory), 0.8, Units.Ratio,
                "the run did not include the memory store"),
            TargetCheck.AtLeast("Live ingest into SQLite ≥ 80,000 facts/s (measured as the replay of section 1)", results.IngestRate(Sqlite), 80_000, Rate, NoSqlite),
            TargetCheck.AtLeast("Ingest into PostgreSQL ≥ 100,000 facts/s (the replay of section 1)", results.IngestRate(Postgres), 100_000, Rate, NoPostgres),
            TargetCheck.AtLeast("Rebuild into SQLite ≥ 150,000 facts/s (a rebuild's shadow store, query indexes built at the end)",
                results.IngestRate(IngestWorker.SqliteRebuild), 150_000, Rate, NoSqlite),
            TargetCheck.AtMost("Peak RSS during a rebuild into SQLite ≤ 512 MiB", results.IngestPeakMemory(IngestWorker.SqliteRebuild), 512.0 * 1024 * 1024, Units.Mebibytes, NoSqlite),
            TargetCheck.AtMost("Peak RSS during a rebuild into PostgreSQL ≤ 512 MiB", results.IngestPeakMemory(Postgres), 512.0 * 1024 * 1024, Units.Mebibytes, NoPostgres),
            TargetCheck.NotMeasured("Peak RSS independent of log size (1M vs 10M)",
                "one log size per run; compare this page with a `--facts 10000000` run"),
            TargetCheck.AtLeast("HTTP, SQLite: eventId ≥ 15,000 req/s", Throughput(results, QueryKinds.EventId), 15_000, RequestRate, NoHttp),
            TargetCheck.AtMost("HTTP, SQLite: eventId p99 ≤ 5 ms", HttpP99(results, QueryKinds.EventId), 5_000, Units.Micros, NoHttp),
            TargetCheck.AtLeast("HTTP, SQLite: timeline ≥ 8,000 req/s", Throughput(results, QueryKinds.Timeline), 8_000, RequestRate, NoHttp),
            TargetCheck.AtMost("HTTP, SQLite: timeline p99 ≤ 10 ms", HttpP99(results, QueryKinds.Timeline), 10_000, Units.Micros, NoHttp),
            TargetCheck.AtMost("HTTP, SQLite: search p99 ≤ 50 ms", HttpP99(results, QueryKinds.Search), 50_000, Units.Micros, NoHttp),
            TargetCheck.AtMost("SQLite store size (with its WAL) ≤ 2 × the raw JSON", results.StoreSizeRatio(Sqlite), 2, Units.Ratio, NoSqlite),
            TargetCheck.AtMost("PostgreSQL store size (tables and indexes) ≤ 2 × the raw JSON", results.StoreSizeRatio(Postgres), 2, Units.Ratio, NoPostgres),
            TargetCheck.AtLeast("Timeline query ≥ 1,000 × faster than scanning the topic (in-process SQLite p50)", scanRatio, 1_000, Units.Ratio, NoSqlite),
        ];
    }

    private static string Rate(double factsPerSecond) => $"{Units.Count(factsPerSecond)} facts/s";

    private static string RequestRate(double requestsPerSecond) => $"{Units.Count(requestsPerSecond)} req/s";

    private static Spread? Throughput(SuiteResults results, string kind) =>
        results.HttpRuns(Sqlite, kind) is { } runs ? Spread.Of(runs.Runs.Select(r => r.RequestsPerSecond)) : null;

    private static Spread? HttpP99(SuiteResults results, string kind) =>
        results.HttpRuns(Sqlite, kind) is { } runs ? Spread.Of(runs.Runs.Select(r => r.P99Micros)) : null;
}
