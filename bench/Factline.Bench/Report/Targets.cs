using Factline.Bench.Ingest;
using Factline.Bench.Queries;
using Factline.Bench.Suite;

namespace Factline.Bench.Report;

/// <summary>The targets of issue 7, checked against one run.</summary>
internal static class Targets
{
    private const string Sqlite = "sqlite";
    private const string Memory = "memory";
    public const string Postgres = "postgres";
    private const string NoSqlite = "the run did not include the SQLite store";
    private const string NoPostgres = "no PostgreSQL server in this run (see the end of the page)";
    private const string NoHttp = "no HTTP run (see section 3)";

    /// <param name="rebuildMemory">The rebuilds' peak RSS of every log size measured so far, this run's included.</param>
    public static IReadOnlyList<TargetCheck> Check(SuiteResults results, RebuildMemoryLedger rebuildMemory)
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
            RebuildMemoryAcrossLogSizes(rebuildMemory),
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

    /// <summary>
    /// Each store's rebuild peak at the largest log size against the smallest, each from its own run (one run
    /// measures one size): independent of the log's size while it grows by less than <see cref="RebuildMemoryLedger.Tolerance"/>×.
    /// </summary>
    private static TargetCheck RebuildMemoryAcrossLogSizes(RebuildMemoryLedger ledger)
    {
        const string target = "Peak RSS during a rebuild independent of log size (smallest vs largest log measured, each in its own run)";
        if (ledger.Entries is not [var small, .., var large])
            return TargetCheck.NotMeasured(target, "one log size measured so far; a `--facts 10000000` run adds the other (bench/README.md)");
        var stores = new[] { ("SQLite", small.SqliteBytes, large.SqliteBytes), ("PostgreSQL", small.PostgresBytes, large.PostgresBytes) }
            .Where(store => store.Item2 is not null && store.Item3 is not null)
            .Select(store => (Name: store.Item1, Small: store.Item2!.Value, Large: store.Item3!.Value))
            .ToList();
        if (stores.Count == 0)
            return TargetCheck.NotMeasured(target, "no store was rebuilt at both log sizes");
        var measured = string.Join("; ", stores.Select(store =>
                $"{store.Name} {Units.Mebibytes(store.Small)} → {Units.Mebibytes(store.Large)} ({Units.Ratio(store.Large / store.Small)})"))
            + $", for {Units.Count(small.Facts)} → {Units.Count(large.Facts)} facts (runs of {Run(small)} and {Run(large)})";
        var growth = stores.Max(store => store.Large / store.Small);
        // Judged like every other limit, on the larger of the stores' growths.
        return TargetCheck.AtMost(target, Spread.Of([growth]), RebuildMemoryLedger.Tolerance, Units.Ratio, notMeasured: "")
            with { Measured = $"{measured}; growth limit {Units.Ratio(RebuildMemoryLedger.Tolerance)}" };
    }

    private static string Run(RebuildMemory entry) => $"{entry.MeasuredAt:yyyy-MM-dd}, `{entry.Commit[..Math.Min(7, entry.Commit.Length)]}`";

    private static string Rate(double factsPerSecond) => $"{Units.Count(factsPerSecond)} facts/s";

    private static string RequestRate(double requestsPerSecond) => $"{Units.Count(requestsPerSecond)} req/s";

    private static Spread? Throughput(SuiteResults results, string kind) =>
        results.HttpRuns(Sqlite, kind) is { } runs ? Spread.Of(runs.Runs.Select(r => r.RequestsPerSecond)) : null;

    private static Spread? HttpP99(SuiteResults results, string kind) =>
        results.HttpRuns(Sqlite, kind) is { } runs ? Spread.Of(runs.Runs.Select(r => r.P99Micros)) : null;
}
