using System.Text;
using Factline.Bench.Ingest;
using Factline.Bench.Queries;
using Factline.Bench.Stores;
using Factline.Bench.Suite;

namespace Factline.Bench.Report;

/// <summary>
/// Writes bench/RESULTS.md from one run. Everything is regenerated except the hand-written analysis
/// between <see cref="AnalysisBegins"/> and <see cref="AnalysisEnds"/>, which is carried over.
/// </summary>
internal static class ResultsPage
{
    public const string AnalysisBegins = "<!-- analysis:begin -->";
    public const string AnalysisEnds = "<!-- analysis:end -->";

    /// <param name="rebuildMemory">The rebuilds' peak RSS per log size, this run's included (see <see cref="RebuildMemoryLedger"/>).</param>
    public static void Write(SuiteResults results, string path, RebuildMemoryLedger rebuildMemory)
    {
        var analysis = File.Exists(path) ? KeptAnalysis(File.ReadAllText(path)) : null;
        var page = new StringBuilder();
        Header(page, results);
        TargetsSection(page, results, rebuildMemory);
        IngestSection(page, results);
        QuerySection(page, results);
        HttpSection(page, results);
        ScanSection(page, results);
        FootprintSection(page, results);
        NotMeasuredSection(page, results);
        page.AppendLine("## Analysis");
        page.AppendLine();
        page.AppendLine(AnalysisBegins);
        page.AppendLine(analysis ?? "No analysis written yet.");
        page.AppendLine(AnalysisEnds);
        File.WriteAllText(path, page.ToString());
    }

    private static string? KeptAnalysis(string existing)
    {
        var begin = existing.IndexOf(AnalysisBegins, StringComparison.Ordinal);
        var end = existing.IndexOf(AnalysisEnds, StringComparison.Ordinal);
        return begin >= 0 && end > begin ? existing[(begin + AnalysisBegins.Length)..end].Trim('\n') : null;
    }

    private static void Header(StringBuilder page, SuiteResults results)
    {
        var settings = results.Settings;
        var environment = results.Environment;
        page.AppendLine("# Factline benchmark results");
        page.AppendLine();
        page.AppendLine("Written by `bench/run.sh` (the program in `bench/Factline.Bench`); see `bench/README.md` for what each scenario does.");
        page.AppendLine("Each figure is the **median of the runs**, with the smallest and largest run in brackets. Each ratio is taken");
        page.AppendLine("between figures of the **same round**: the baseline and the contender ran back to back on the same topic.");
        page.AppendLine();
        new MarkdownTable("", "")
            .Row("Date", $"{environment.StartedAt:yyyy-MM-dd HH:mm zzz}; the whole run took {results.Duration:m\\ \\m\\i\\n\\ s\\ \\s}")
            .Row("Machine", $"{environment.Processors} cores (`nproc`), {environment.CpuModel}, {environment.MemoryBytes / (1024.0 * 1024 * 1024):N1} GiB RAM; {environment.OperatingSystem}")
            .Row("Runtime", $"{environment.Runtime}, {(environment.ServerGc ? "server GC (as `factline serve`)" : "workstation GC")}, Release build")
            .Row("Code", $"commit `{environment.Commit[..Math.Min(12, environment.Commit.Length)]}`" +
                (environment.UncommittedFiles > 0 ? $"; the work tree had {environment.UncommittedFiles} uncommitted files (other work in progress)" : ""))
            .Row("Load average", $"{environment.LoadAverage} at the start, {results.LoadAverageAtEnd} at the end (1, 5, 15 min; other work on the machine shows here)")
            .Row("Command", $"`{settings.Command}`")
            .Row("Settings", $"{Units.Count(settings.Facts)} facts, runs per figure: {settings.Runs}, {settings.Partitions} partitions, stores: {string.Join(", ", settings.StoreNames)}")
            .WriteTo(page);

        var corpus = results.Corpus;
        page.AppendLine("**The facts.** The simulator's benchmark profile (TM Forum product orders, mostly healthy) produced through the");
        page.AppendLine($"services' own `FactProducer` (idempotent, key = correlationId, zstd, linger 50 ms) into librdkafka's mock broker:");
        page.AppendLine($"{Units.Count(corpus.Source.Facts)} facts in {Units.Count(corpus.Transactions)} transactions ({corpus.FactsPerTransaction:N1} facts each),");
        page.AppendLine($"{corpus.MeanFactBytes:N0} bytes of JSON per fact on average, {Units.Mebibytes(corpus.RawBytes)} in all, loaded in {Units.Seconds(corpus.LoadSeconds)}.");
        page.AppendLine($"Counted after loading: every partition still starts at offset 0 and together they hold exactly {Units.Count(corpus.Source.Facts)} records");
        page.AppendLine($"({Units.Count(corpus.Partitions.Fewest)} to {Units.Count(corpus.Partitions.Most)} per partition), so the mock broker's ~5 MiB-per-partition retention dropped nothing.");
        page.AppendLine("Every ingest run checks again that it read or stored exactly that many.");
        page.AppendLine();
    }

    private static void TargetsSection(StringBuilder page, SuiteResults results, RebuildMemoryLedger rebuildMemory)
    {
        page.AppendLine("## Targets (issue 7)");
        page.AppendLine();
        if (results.Settings.Facts != 1_000_000)
            page.AppendLine($"The targets are stated for 1M facts; this run used {Units.Count(results.Settings.Facts)}.\n");
        var table = new MarkdownTable("Target", "Measured", "Verdict");
        foreach (var check in Targets.Check(results, rebuildMemory))
            table.Row(check.Target, check.Measured, check.Verdict);
        table.WriteTo(page);
    }

    private static void IngestSection(StringBuilder page, SuiteResults results)
    {
        page.AppendLine("## 1. Ingest: replaying the topic from the earliest offset");
        page.AppendLine();
        page.AppendLine("Each run is a fresh process with a fresh consumer group and, for stores, an empty store. A round runs the bare consumer,");
        page.AppendLine("then the stores in the table's order, the rebuild right after the SQLite store it would replace; an earlier round's stores");
        page.AppendLine("are deleted before the next round starts. The bare consumer is");
        page.AppendLine("Confluent.Kafka with the projector's own client settings, reading and discarding every record. The projector runs with");
        page.AppendLine("its default options; its time runs from its start to the commit of its last batch. CPU per fact is the CPU time of all the");
        page.AppendLine("worker's threads (librdkafka's included, the broker's not) over that time: on a busy machine the wall clock stretches, this");
        page.AppendLine("hardly does. A store with its own server on this machine (PostgreSQL) adds that server's CPU per fact: all its processes,");
        page.AppendLine("over the same time, on the same cores. The dev broker serving the records runs on them too: its CPU per fact is the bench's");
        page.AppendLine("coordinator process's over that time (it hosts the broker and otherwise waits for the worker). Peak RSS is the process's");
        page.AppendLine("VmHWM. Allocated is what the worker allocated on the managed heap per fact over that time; GC pauses, the time the garbage collector held every thread still, over its collections.");
        page.AppendLine();
        static string Micros(double micros) => $"{micros:N1} µs";
        var table = new MarkdownTable("Reader", "facts/s", "× bare consumer (same round)", "time", "CPU per fact", "server CPU per fact",
            "broker CPU per fact", "allocated per fact", "GC pauses", "collections", "peak RSS", "RSS held after a full GC");
        foreach (var target in results.Ingest.Targets)
        {
            var runs = results.Ingest.RunsOf(target).ToArray();
            table.Row(
                target switch
                {
                    IngestWorker.BareConsumer => "bare consumer (baseline)",
                    IngestWorker.SqliteRebuild => "rebuild → sqlite shadow (query indexes built at the end, included)",
                    _ => $"projector → {target}",
                },
                Spread.Of(runs.Select(r => r.FactsPerSecond)).Format(Units.Count),
                target == IngestWorker.BareConsumer ? "1" : Spread.Of(results.Ingest.RatiosToBaseline(target)).Format(Units.Ratio),
                Spread.Of(runs.Select(r => r.Seconds)).Format(Units.Seconds),
                Spread.Of(runs.Select(r => r.CpuMicrosPerFact)).Format(Micros),
                runs.All(r => r.ServerCpuMicrosPerFact is not null) ? Spread.Of(runs.Select(r => r.ServerCpuMicrosPerFact!.Value)).Format(Micros) : "—",
                runs.All(r => r.BrokerCpuMicrosPerFact is not null) ? Spread.Of(runs.Select(r => r.BrokerCpuMicrosPerFact!.Value)).Format(Micros) : "—",
                GcFigure(runs, r => r.AllocatedBytesPerFact, bytes => $"{bytes:N0} B"),
                GcFigure(runs, r => r.GcPauseSeconds, Units.Seconds),
                GcFigure(runs, r => r.Collections, Units.Count),
                Spread.Of(runs.Select(r => (double)r.PeakResidentBytes)).Format(Units.Mebibytes),
                Spread.Of(runs.Select(r => (double)r.HeldResidentBytes)).Format(Units.Mebibytes));
        }
        table.WriteTo(page);
        var rebuilds = results.Ingest.Measured(IngestWorker.SqliteRebuild)
            ? results.Ingest.RunsOf(IngestWorker.SqliteRebuild).Where(r => r.PrepareSeconds is not null).ToArray()
            : [];
        if (rebuilds.Length > 0)
        {
            page.AppendLine();
            page.AppendLine($"Of the rebuild's time, building the query indexes once the shadow had caught up took {Spread.Of(rebuilds.Select(r => r.PrepareSeconds!.Value)).Format(Units.Seconds)};");
            page.AppendLine("the rest is the replay with the eventId index only.");
        }
    }

    /// <summary>"—" for runs saved before the bench measured the garbage collector.</summary>
    private static string GcFigure(IngestMeasurement[] runs, Func<IngestMeasurement, double> figure, Func<double, string> format) =>
        runs.Any(r => r.Collections > 0) ? Spread.Of(runs.Select(figure)).Format(format) : "—";

    private static void QuerySection(StringBuilder page, SuiteResults results)
    {
        var budget = results.Settings.QueryBudget;
        page.AppendLine("## 2. Queries in process");
        page.AppendLine();
        page.AppendLine("One caller at a time through the store contract (`IFactReader`), each call on a random sampled identifier");
        page.AppendLine($"(10,000 eventIds, 2,000 correlationIds, 1,000 search filter sets drawn from the loaded facts). Per run and query: a warm-up");
        page.AppendLine($"of at least {budget.WarmupCalls} calls that goes on until the JIT has compiled nothing for {LatencySampler.JitQuiet.TotalMilliseconds:N0} ms (at most");
        page.AppendLine($"{budget.Warmup.TotalSeconds:N0} s: tiered compilation recompiles hot code in the background after its first calls), then calls for");
        page.AppendLine($"{budget.Measure.TotalSeconds:N1} s (at least {budget.MinSamples}, at most {Units.Count(budget.MaxSamples)}).");
        page.AppendLine("Timeline = `FactQuery.ForCorrelation`; search = eventType + stage + outcome, limit 100, with the total count as the API");
        page.AppendLine("asks for it; keyset page = the next 100 facts in timeline order after a random fact, no filter, no total.");
        page.AppendLine("The SQLite store is the one the last ingest round filled; the memory store is filled from the topic in the worker first.");
        page.AppendLine();
        var table = new MarkdownTable("Store", "Query", "p50", "p99", "calls per run", "facts per answer");
        foreach (var store in results.Queries)
        {
            foreach (var kind in store.Kinds)
            {
                table.Row(store.Store, kind.Kind,
                    Spread.Of(kind.Runs.Select(r => r.P50Micros)).Format(Units.Micros),
                    Spread.Of(kind.Runs.Select(r => r.P99Micros)).Format(Units.Micros),
                    Spread.Of(kind.Runs.Select(r => (double)r.Samples)).Format(Units.Count),
                    Spread.Of(kind.Runs.Select(r => r.MeanFacts)).Format(v => v.ToString("N1", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        table.WriteTo(page);
    }

    private static void HttpSection(StringBuilder page, SuiteResults results)
    {
        page.AppendLine("## 3. Queries over HTTP");
        page.AppendLine();
        if (results.Http.SkippedBecause is { } why)
        {
            page.AppendLine($"Not run: {why}.\n");
            return;
        }
        page.AppendLine("The product's own host (`FactlineServer.Build`, as `factline serve`: API and projector, the projector idle at the");
        page.AppendLine("end of the topic) in a worker process over the store the last ingest round filled, logging at Warning. Load from");
        page.AppendLine($"`{results.Http.WrkCommand}` on the same 2 cores, each request a random");
        page.AppendLine("sampled identifier; a 3 s warm-up per query is not counted. Failures = non-2xx responses plus socket errors (a run with any is listed below the table with what wrk counted).");
        page.AppendLine();
        var table = new MarkdownTable("Store", "Query", "req/s", "p50", "p99", "failures", "example request");
        foreach (var store in results.Http.Stores)
        {
            foreach (var kind in store.Kinds)
            {
                table.Row(store.Store, kind.Kind,
                    Spread.Of(kind.Runs.Select(r => r.RequestsPerSecond)).Format(Units.Count),
                    Spread.Of(kind.Runs.Select(r => r.P50Micros)).Format(Units.Micros),
                    Spread.Of(kind.Runs.Select(r => r.P99Micros)).Format(Units.Micros),
                    Units.Count(kind.Runs.Sum(r => r.Failures)),
                    $"`{kind.ExamplePath}`");
            }
        }
        table.WriteTo(page);
        var failed = results.Http.Stores
            .SelectMany(store => store.Kinds.SelectMany(kind => kind.Runs.Select((run, i) => (store.Store, kind.Kind, Number: i + 1, Run: run))))
            .Where(failure => failure.Run.Failures > 0)
            .Select(failure => $"{failure.Store} {failure.Kind} run {failure.Number}: {failure.Run.FailureKinds ?? $"{failure.Run.Failures} (kinds not recorded)"}")
            .ToList();
        if (failed.Count > 0)
            page.AppendLine($"Runs with failures: {string.Join("; ", failed)}.\n");
        foreach (var store in results.Http.Stores)
            page.AppendLine($"Server process over {store.Store}: peak RSS {Units.Mebibytes(store.Server.PeakResidentBytes)} during the load; " +
                $"{Units.Mebibytes(store.Server.ResidentBytes)} at its end, of which {Units.Mebibytes(store.Server.FileBackedBytes)} file-backed (code and memory-mapped database pages).");
        page.AppendLine();
    }

    private static void ScanSection(StringBuilder page, SuiteResults results)
    {
        var scan = results.ScanSeconds();
        var first = results.Scan.Runs[0];
        page.AppendLine("## 4. The alternative: scanning the topic for one transaction");
        page.AppendLine();
        page.AppendLine($"A plain consumer (fresh group, fresh process) reads the whole topic to the end of every partition and keeps the records whose");
        page.AppendLine($"key is `{results.Scan.CorrelationId}`: what `kcat | grep` or a Kafka UI search does, with the cheapest possible filter.");
        page.AppendLine($"It found {first.Matches} facts among {Units.Count(first.RecordsRead)} records in {scan.Format(Units.Seconds)}.");
        page.AppendLine();
        var table = new MarkdownTable("Timeline query", "p50", "scan ÷ query (medians)");
        foreach (var store in results.Queries)
        {
            if (results.QueryP50(store.Store, QueryKinds.Timeline) is { } p50)
                table.Row($"in process, {store.Store}", p50.Format(Units.Micros), Units.Ratio(scan.Median * 1e6 / p50.Median));
        }
        foreach (var store in results.Http.Stores)
        {
            if (results.HttpRuns(store.Store, QueryKinds.Timeline) is { } http)
            {
                var p50 = Spread.Of(http.Runs.Select(r => r.P50Micros));
                table.Row($"over HTTP under load (32 connections), {store.Store}", p50.Format(Units.Micros), Units.Ratio(scan.Median * 1e6 / p50.Median));
            }
        }
        table.WriteTo(page);
    }

    private static void FootprintSection(StringBuilder page, SuiteResults results)
    {
        var raw = (double)results.Corpus.RawBytes;
        var facts = (double)results.Corpus.Source.Facts;
        var baseline = Spread.Of(results.Ingest.RunsOf(IngestWorker.BareConsumer).Select(r => (double)r.HeldResidentBytes));
        page.AppendLine("## 5. Footprint");
        page.AppendLine();
        page.AppendLine($"Raw JSON: {Units.Mebibytes(raw)}, {raw / facts:N0} bytes per fact. File stores are measured just after the last batch (database");
        page.AppendLine("with its -wal and -shm files) and again after closing (WAL checkpointed into the database and removed); PostgreSQL as its");
        page.AppendLine("tables with their indexes and TOAST data (`pg_total_relation_size`; the server's WAL is shared and not counted). The memory store is");
        page.AppendLine($"measured as the RSS it adds: the ingest process's RSS after a full GC with the store still open, minus the bare consumer's");
        page.AppendLine($"({baseline.Format(Units.Mebibytes)}).");
        page.AppendLine();
        var table = new MarkdownTable("Store", "bytes", "bytes per fact", "× raw JSON", "after closing", "closed × raw JSON");
        foreach (var store in results.Settings.StoreNames)
        {
            var runs = results.Ingest.RunsOf(store).ToArray();
            if (runs.All(r => r.StoreBytesOpen is not null))
            {
                var open = Spread.Of(runs.Select(r => (double)(r.StoreBytesOpen ?? 0)));
                var closed = Spread.Of(runs.Select(r => (double)(r.StoreBytesClosed ?? 0)));
                table.Row(store, open.Format(Units.Mebibytes), Units.Count(open.Median / facts), Units.Ratio(open.Median / raw),
                    closed.Format(Units.Mebibytes), Units.Ratio(closed.Median / raw));
            }
            else
            {
                var added = Spread.Of(runs.Select(r => (double)r.HeldResidentBytes - baseline.Median));
                var heap = Spread.Of(runs.Select(r => (double)r.ManagedHeapBytes));
                table.Row($"{store} (RSS added; managed heap {heap.Format(Units.Mebibytes)})", added.Format(Units.Mebibytes),
                    Units.Count(added.Median / facts), Units.Ratio(added.Median / raw), "—", "—");
            }
        }
        table.WriteTo(page);
    }

    private static void NotMeasuredSection(StringBuilder page, SuiteResults results)
    {
        page.AppendLine("## Not measured in this run");
        page.AppendLine();
        if (results.Settings.Facts < 10_000_000)
            page.AppendLine("- The 10M-fact variants (rebuild, queries): `bench/run.sh --facts 10000000`; they do not fit in the 15-minute default. Its rebuilds'\n" +
                "  peak RSS, kept in `rebuild-peak-rss.json` beside this page, is what the target on peak RSS against log size compares with.");
        if (!results.Settings.StoreNames.Contains("postgres"))
            page.AppendLine($"- PostgreSQL: no server was named by {PostgresServer.Variable} (bench/run.sh starts one when PostgreSQL is installed).");
        page.AppendLine("- Live ingest while producers write: the ingest figures are replays of a pre-loaded topic, which is what a rebuild is and the");
        page.AppendLine("  upper bound of what a live projector sustains.");
        page.AppendLine();
    }
}
