using Factline.Bench.Corpus;
using Factline.Bench.Ingest;
using Factline.Bench.Queries;
using Factline.Bench.Report;
using Factline.Bench.Stores;
using Factline.Envelope;
using Factline.Kafka;
using Factline.Simulator;
using Factline.Storage;

namespace Factline.Bench.Probes;

/// <summary>
/// The in-process queries of the suite on a SQLite store filled without Kafka, with the bytes each call
/// allocates: a quick before/after measure for the read path. The store and its samples are kept in the
/// work directory and reused by the next probe of the same size, so two builds can be compared on one store.
/// </summary>
internal static class ReadBreakdown
{
    private const int BatchSize = 5_000;
    private const int Partitions = 25;

    public static async Task RunAsync(long count, int seed, string workDirectory, SamplingBudget budget, int rounds, CancellationToken cancellationToken)
    {
        var slot = new StoreSlot(Path.Combine(workDirectory, $"probe-read-{count}"), "probe-read");
        var samplesPath = Path.Combine(slot.Directory, "samples.json");
        if (!File.Exists(samplesPath))
            await FillAsync(slot, count, seed, samplesPath, cancellationToken);

        await using var store = BenchStores.Sqlite.Open(slot);
        var scenarios = await QueryScenarios.CreateAsync(store, CorpusSamples.Load(samplesPath), cancellationToken);
        var sampler = new LatencySampler(budget, new Random(seed));
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var scenario in scenarios)
            {
                await sampler.WarmUpAsync(scenario, cancellationToken);
                var timer = WorkTimer.Start();
                var run = await sampler.SampleAsync(scenario, cancellationToken);
                var time = timer.Stop();
                Console.WriteLine($"round {round} {scenario.Name,-42} p50 {Units.Micros(run.P50Micros),9}  p99 {Units.Micros(run.P99Micros),9}  " +
                    $"{run.Samples,6} calls, {run.MeanFacts,5:N1} facts/call, {time.Cpu.TotalMicroseconds / run.Samples,7:N1} µs CPU/call, " +
                    $"{time.AllocatedBytes / run.Samples,8:N0} bytes allocated/call, {time.Collections} GCs pausing {time.GcPauses.TotalMilliseconds:N1} ms");
            }
        }
    }

    private static async Task FillAsync(StoreSlot slot, long count, int seed, string samplesPath, CancellationToken cancellationToken)
    {
        BenchStores.Sqlite.Delete(slot);
        var sampler = new CorpusSampler(new Random(seed));
        var generator = new FlowGenerator(new SimulatorOptions { Seed = seed, Profile = SimulatorProfile.Benchmark });
        await using (var store = BenchStores.Sqlite.Open(slot))
        {
            var batch = new List<ProjectedFact>(BatchSize);
            var nextOffsets = new long[Partitions];
            foreach (var simulated in generator.Transactions().SelectMany(t => t.Facts).Take((int)count))
            {
                sampler.Observe(simulated.Fact);
                var value = FactCodec.Encode(simulated.Fact);
                batch.Add(new ProjectedFact(FactCodec.DecodeEnvelope(value).Fact!, PositionOf(simulated.Fact, nextOffsets), value));
                if (batch.Count == BatchSize)
                    await ApplyAsync(store, batch, cancellationToken);
            }
            await ApplyAsync(store, batch, cancellationToken);
        }
        sampler.Samples.Save(samplesPath);
        Console.WriteLine($"filled {slot.Directory} with {Units.Count(count)} facts");
    }

    private static async Task ApplyAsync(IProjectionStore store, List<ProjectedFact> batch, CancellationToken cancellationToken)
    {
        var bookmarks = batch.GroupBy(f => f.Position.PartitionId).Select(g => new Bookmark(g.Key, g.Max(f => f.Position.Offset) + 1)).ToArray();
        await store.ApplyAsync(new ProjectionBatch([.. batch], [], bookmarks), cancellationToken);
        batch.Clear();
    }

    /// <summary>Where the producer would have put the fact: keyed by its correlationId, broker time one millisecond per fact.</summary>
    private static LogPosition PositionOf(Fact fact, long[] nextOffsets)
    {
        var partition = Murmur2Partitioner.PartitionFor(fact.CorrelationId, Partitions);
        var offset = nextOffsets[partition]++;
        return new("bench.facts", partition, offset, DateTimeOffset.UnixEpoch.AddMilliseconds(offset * Partitions + partition));
    }
}
