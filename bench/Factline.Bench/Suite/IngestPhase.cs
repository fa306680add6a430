using Factline.Bench.Corpus;
using Factline.Bench.Ingest;
using Factline.Bench.Stores;
using Factline.Bench.Workers;

using Factline.Bench.Report;

namespace Factline.Bench.Suite;

/// <summary>Scenario 1: the bare consumer and the projector into every store, each run in a fresh process, round after round.</summary>
internal static class IngestPhase
{
    public static async Task<IngestResults> RunAsync(BenchSettings settings, LoadedCorpus corpus, CancellationToken cancellationToken)
    {
        var rounds = new List<IReadOnlyList<IngestMeasurement>>();
        for (var round = 1; round <= settings.Runs; round++)
        {
            var measurements = new List<IngestMeasurement>
            {
                await RunAsync(new IngestRequest(corpus.Source, IngestWorker.BareConsumer, Slot: null), round, cancellationToken),
            };
            foreach (var store in settings.Stores)
            {
                var slot = SlotOf(settings, store, round);
                store.Delete(slot);
                measurements.Add(await RunAsync(new IngestRequest(corpus.Source, store.Name, slot), round, cancellationToken));
                // Right after the live SQLite store it would replace, as in a SQLite deployment. Run after the PostgreSQL
                // store instead (its server and its 1.5 GB of fresh writes on the same machine), the same rebuild went at
                // 125-140k facts/s (eleven runs) against 148-167k here, a cost no SQLite deployment has.
                if (store == BenchStores.Sqlite)
                    measurements.Add(await RebuildSqliteAsync(settings, corpus, round, cancellationToken));
            }
            rounds.Add(measurements);

            // The last round's stores stay for the query and HTTP scenarios. Earlier ones go before the next round: left
            // on disk while it ran (their pages cold in the cache, which this machine's kernel pages out meanwhile), they
            // slowed its rebuilds (rounds 2-3 of three runs: 134-146k facts/s at 9.5-10.2 µs of CPU per fact; deleted
            // first, in two runs alternating with those: 149-167k at 8.5-9.3 µs), a cost no run of the product has.
            if (round < settings.Runs)
            {
                foreach (var store in settings.Stores)
                    store.Delete(SlotOf(settings, store, round));
            }
        }
        return new IngestResults(rounds);
    }

    /// <summary>A rebuild's SQLite shadow in a slot of its own, removed once measured: the queries use the projector's store.</summary>
    private static async Task<IngestMeasurement> RebuildSqliteAsync(BenchSettings settings, LoadedCorpus corpus, int round, CancellationToken cancellationToken)
    {
        var slot = new StoreSlot(Path.Combine(settings.WorkDirectory, "ingest", $"{IngestWorker.SqliteRebuild}-{round}"), $"bench_rebuild_{round}");
        try
        {
            return await RunAsync(new IngestRequest(corpus.Source, IngestWorker.SqliteRebuild, slot), round, cancellationToken);
        }
        finally
        {
            BenchStores.Sqlite.Delete(slot);
        }
    }

    /// <summary>The slot the last round filled: a store of every fact, ready to be queried.</summary>
    public static StoreSlot FilledSlot(BenchSettings settings, BenchStore store) => SlotOf(settings, store, settings.Runs);

    private static async Task<IngestMeasurement> RunAsync(IngestRequest request, int round, CancellationToken cancellationToken)
    {
        var measured = await WorkerProcess.RunAsync<IngestMeasurement>(request, cancellationToken);
        Progress.Report("ingest", $"round {round}, {measured.Target,-8}: {measured.FactsPerSecond,9:N0} facts/s in {measured.Seconds:N2} s ({measured.CpuMicrosPerFact:N1} µs CPU per fact" +
            (measured.ServerCpuMicrosPerFact is { } server ? $", server {server:N1} µs" : "") +
            (measured.BrokerCpuMicrosPerFact is { } broker ? $", broker {broker:N1} µs" : "") + $"; {measured.AllocatedBytesPerFact:N0} bytes allocated per fact, {measured.Collections} GCs pausing {measured.GcPauseSeconds:N2} s), " +
            $"peak RSS {Units.Mebibytes(measured.PeakResidentBytes)}" +
            (measured.StoreBytesOpen is { } bytes ? $", store {Units.Mebibytes(bytes)}" : ""));
        return measured;
    }

    private static StoreSlot SlotOf(BenchSettings settings, BenchStore store, int round) =>
        new(Path.Combine(settings.WorkDirectory, "ingest", $"{store.Name}-{round}"), $"bench_{store.Name}_{round}");
}
