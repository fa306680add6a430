using Factline.Bench.Ingest;
using Factline.Bench.Report;
using Factline.Bench.Stores;
using Factline.Envelope;
using Factline.Simulator;
using Factline.Storage;
using Microsoft.Data.Sqlite;

namespace Factline.Bench.Probes;

/// <summary>
/// Splits the projector's per-fact work into its parts, without Kafka: decoding the record values,
/// and applying decoded batches to SQLite with its full schema and with only the eventId index
/// (the one deduplication needs). Single-threaded, like the projector.
/// </summary>
internal static class IngestBreakdown
{
    private const int BatchSize = 5_000; // the projector's default MaxBatchSize
    private const int Partitions = 25;
    private static readonly string[] SecondaryIndexes = ["facts_by_correlation", "facts_by_message", "facts_by_search", "facts_by_time"];

    public static async Task RunAsync(long count, int seed, string workDirectory, CancellationToken cancellationToken)
    {
        var values = Generate(count, seed);
        Console.WriteLine($"{Units.Count(values.Length)} facts, {values.Average(v => v.Length):N0} bytes each");

        var decoding = WorkTimer.Start();
        var facts = values.Select((value, i) => new ProjectedFact(FactCodec.Decode(value).Fact!, PositionOf(i), value)).ToArray();
        Report("decode (FactCodec.Decode)", facts.Length, decoding.Stop());

        Report("apply to SQLite, full schema", facts.Length, await ApplyAllAsync(facts, Path.Combine(workDirectory, "probe-full"), dropSecondaryIndexes: false, cancellationToken));
        Report("apply to SQLite, eventId index only", facts.Length, await ApplyAllAsync(facts, Path.Combine(workDirectory, "probe-eventid"), dropSecondaryIndexes: true, cancellationToken));
    }

    private static byte[][] Generate(long count, int seed)
    {
        var generator = new FlowGenerator(new SimulatorOptions { Seed = seed, Profile = SimulatorProfile.Benchmark });
        return [.. generator.Transactions().SelectMany(t => t.Facts).Take((int)count).Select(f => FactCodec.Encode(f.Fact))];
    }

    private static LogPosition PositionOf(int index) =>
        new("bench.facts", index % Partitions, index / Partitions, DateTimeOffset.UnixEpoch.AddMilliseconds(index));

    private static async Task<WorkTime> ApplyAllAsync(ProjectedFact[] facts, string directory, bool dropSecondaryIndexes, CancellationToken cancellationToken)
    {
        var slot = new StoreSlot(directory, "probe");
        BenchStores.Sqlite.Delete(slot);
        await using var store = BenchStores.Sqlite.Open(slot);
        if (dropSecondaryIndexes)
            DropSecondaryIndexes(directory);

        var applying = WorkTimer.Start();
        for (var start = 0; start < facts.Length; start += BatchSize)
        {
            var batch = facts[start..Math.Min(facts.Length, start + BatchSize)];
            var bookmarks = batch.GroupBy(f => f.Position.PartitionId).Select(g => new Bookmark(g.Key, g.Max(f => f.Position.Offset) + 1)).ToArray();
            await store.ApplyAsync(new ProjectionBatch(batch, [], bookmarks), cancellationToken);
        }
        var time = applying.Stop();
        Console.WriteLine($"  store files: {Units.Mebibytes(BenchStores.Sqlite.BytesUsed(slot) ?? 0)}");
        return time;
    }

    private static void DropSecondaryIndexes(string directory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "factline.db")};Pooling=False");
        connection.Open();
        using var drop = connection.CreateCommand();
        drop.CommandText = string.Concat(SecondaryIndexes.Select(index => $"DROP INDEX {index};"));
        drop.ExecuteNonQuery();
    }

    private static void Report(string step, int facts, WorkTime time) =>
        Console.WriteLine($"{step,-40} {Units.Count(facts / time.Elapsed.TotalSeconds),10} facts/s, " +
            $"{time.Elapsed.TotalMicroseconds / facts:N1} µs per fact, {time.Cpu.TotalMicroseconds / facts:N1} µs CPU per fact");
}
