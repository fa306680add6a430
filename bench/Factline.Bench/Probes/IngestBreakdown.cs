using System.Runtime.CompilerServices;
using Factline.Bench.Ingest;
using Factline.Bench.Report;
using Factline.Bench.Stores;
using Factline.Envelope;
using Factline.Simulator;
using Factline.Storage;
using Microsoft.Data.Sqlite;

namespace Factline.Bench.Probes;

/// <summary>
/// Splits the projector's per-fact work into its parts, without Kafka: decoding the record values as
/// the projector does, and applying decoded batches to the chosen stores (SQLite also with only the eventId
/// index, the one deduplication needs). Single-threaded, like each of the projector's two stages, unless
/// several writers are asked for.
/// Every step starts after a full collection, so no step pays for the garbage of the one before.
/// </summary>
internal static class IngestBreakdown
{
    private const int Partitions = 25;
    private static readonly string[] SecondaryIndexes = ["facts_by_correlation", "facts_by_message", "facts_by_search", "facts_by_time"];

    public static async Task RunAsync(long count, IReadOnlyList<BenchStore> stores, IngestProbe probe, int seed, CancellationToken cancellationToken)
    {
        var values = Generate(count, seed);
        Console.WriteLine($"{Units.Count(values.Length)} facts, {values.Average(v => v.Length):N0} bytes each, applied in batches of {Units.Count(probe.BatchSize)}" +
            (probe.Writers > 1 ? $" by {probe.Writers} writers at once" : ""));

        Decode(values); // warm-up: the timed pass runs jitted code
        Settle();
        var decoding = WorkTimer.Start();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var facts = Decode(values);
        Report("decode (FactCodec.DecodeEnvelope)", facts.Length, decoding.Stop(),
            $"{(GC.GetAllocatedBytesForCurrentThread() - allocated) / facts.Length:N0} bytes allocated per fact");

        if (stores.Contains(BenchStores.Memory))
            await ApplyToMemoryAsync(values, probe, cancellationToken);
        if (stores.Contains(BenchStores.Sqlite))
        {
            Report("apply to SQLite, full schema", facts.Length, await ApplyAllAsync(facts, probe, BenchStores.Sqlite, "probe-full", dropSecondaryIndexes: false, cancellationToken));
            Report("apply to SQLite, eventId index only", facts.Length, await ApplyAllAsync(facts, probe, BenchStores.Sqlite, "probe-eventid", dropSecondaryIndexes: true, cancellationToken));
        }
        if (BenchStores.Postgres is { } postgres && stores.Contains(postgres))
            Report("apply to PostgreSQL", facts.Length, await ApplyAllAsync(facts, probe, postgres, "probe-postgres", dropSecondaryIndexes: false, cancellationToken));
        else if (BenchStores.Postgres is null)
            Console.WriteLine($"PostgreSQL skipped: set {PostgresServer.Variable} to include it");
    }

    private static byte[][] Generate(long count, int seed)
    {
        var generator = new FlowGenerator(new SimulatorOptions { Seed = seed, Profile = SimulatorProfile.Benchmark });
        return [.. generator.Transactions().SelectMany(t => t.Facts).Take((int)count).Select(f => FactCodec.Encode(f.Fact))];
    }

    private static ProjectedFact[] Decode(byte[][] values) =>
        [.. values.Select((value, i) => new ProjectedFact(FactCodec.DecodeEnvelope(value).Fact!, PositionOf(i), value))];

    private static LogPosition PositionOf(int index) =>
        new("bench.facts", index % Partitions, index / Partitions, DateTimeOffset.UnixEpoch.AddMilliseconds(index));

    /// <summary>
    /// The memory store's cost is mostly what it holds: the managed heap it keeps once the decoded facts
    /// it was given are gone (they are decoded here, for it alone, so none of them stays reachable).
    /// </summary>
    private static async Task ApplyToMemoryAsync(byte[][] values, IngestProbe probe, CancellationToken cancellationToken)
    {
        Settle();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        await using var store = BenchStores.Memory.Open(new StoreSlot("", "probe"));
        var time = await DecodeAndApplyAsync(store, values, probe, cancellationToken);
        var held = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        Report("apply to the memory store", values.Length, time, $"{held / values.Length:N0} bytes of managed heap held per fact");
        GC.KeepAlive(store);
    }

    /// <summary>Not inlined, so that no stack slot of the caller keeps the decoded facts reachable.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task<WorkTime> DecodeAndApplyAsync(IProjectionStore store, byte[][] values, IngestProbe probe, CancellationToken cancellationToken) =>
        ApplyBatchesAsync(store, Decode(values), probe, cancellationToken);

    private static async Task<WorkTime> ApplyAllAsync(ProjectedFact[] facts, IngestProbe probe, BenchStore bench, string name, bool dropSecondaryIndexes, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(probe.WorkDirectory, name);
        var slot = new StoreSlot(directory, "probe");
        bench.Delete(slot);
        try
        {
            WorkTime time;
            TimeSpan? serverCpu;
            await using (var store = bench.Open(slot))
            {
                if (dropSecondaryIndexes)
                    DropSecondaryIndexes(directory);
                Settle();
                var serverCpuBefore = bench.ServerCpu(slot);
                time = await ApplyBatchesAsync(store, facts, probe, cancellationToken);
                serverCpu = bench.ServerCpu(slot) - serverCpuBefore;
            }
            var bytes = bench.BytesUsed(slot) ?? 0;
            Console.WriteLine($"  store size: {Units.Mebibytes(bytes)}, {bytes / facts.Length:N0} bytes per fact" +
                (serverCpu is { } server ? $"; server CPU {server.TotalMicroseconds / facts.Length:N1} µs per fact" : ""));
            if (PostgresServer.FromEnvironment() is { } postgres && bench == BenchStores.Postgres)
            {
                foreach (var (relation, relationBytes) in postgres.RelationSizes(slot))
                    Console.WriteLine($"    {relation,-28} {relationBytes / (double)facts.Length,8:N1} bytes per fact");
            }
            return time;
        }
        finally
        {
            bench.Delete(slot);
        }
    }

    private static async Task<WorkTime> ApplyBatchesAsync(IProjectionStore store, ProjectedFact[] facts, IngestProbe probe, CancellationToken cancellationToken)
    {
        var writers = Enumerable.Range(0, probe.Writers)
            .Select(writer => facts.Where(fact => fact.Position.Partition % probe.Writers == writer).ToArray())
            .ToArray();
        var applying = WorkTimer.Start();
        await Task.WhenAll(writers.Select(own => Task.Run(() => ApplyInBatchesAsync(store, own, probe.BatchSize, cancellationToken), cancellationToken)));
        return applying.Stop();
    }

    private static async Task ApplyInBatchesAsync(IProjectionStore store, ProjectedFact[] facts, int batchSize, CancellationToken cancellationToken)
    {
        for (var start = 0; start < facts.Length; start += batchSize)
        {
            var batch = facts[start..Math.Min(facts.Length, start + batchSize)];
            var bookmarks = batch.GroupBy(f => f.Position.PartitionId).Select(g => new Bookmark(g.Key, g.Max(f => f.Position.Offset) + 1)).ToArray();
            await store.ApplyAsync(new ProjectionBatch(batch, [], bookmarks), cancellationToken);
        }
    }

    private static void DropSecondaryIndexes(string directory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "factline.db")};Pooling=False");
        connection.Open();
        using var drop = connection.CreateCommand();
        drop.CommandText = string.Concat(SecondaryIndexes.Select(index => $"DROP INDEX {index};"));
        drop.ExecuteNonQuery();
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static void Report(string step, int facts, WorkTime time, string? note = null) =>
        Console.WriteLine($"{step,-40} {Units.Count(facts / time.Elapsed.TotalSeconds),10} facts/s, " +
            $"{time.Elapsed.TotalMicroseconds / facts:N1} µs per fact, {time.Cpu.TotalMicroseconds / facts:N1} µs CPU per fact" +
            (note is null ? "" : $"; {note}"));
}
