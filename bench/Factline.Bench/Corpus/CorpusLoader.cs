using System.Diagnostics;
using Factline.Kafka;
using Factline.Kafka.Mock;
using Factline.Kafka.Producing;
using Factline.Simulator;
using Factline.Simulator.Traffic;

namespace Factline.Bench.Corpus;

/// <summary>What to load: how many facts, into how many partitions, from which seed.</summary>
public sealed record CorpusSettings(string Topic, long Facts, int Partitions, int Seed, string SamplesPath)
{
    /// <summary>
    /// Enough partitions that none passes the mock broker's ~5 MiB retention: a ~400-byte fact takes
    /// well under 100 bytes once zstd has compressed a batch, so 40,000 facts stay below 4 MiB.
    /// </summary>
    public static int PartitionsFor(long facts) => (int)Math.Max(8, Math.Ceiling(facts / 40_000.0));
}

/// <summary>
/// Fills a topic with simulated TM Forum order traffic (the simulator's benchmark profile: ~400-byte
/// facts, ~20 per transaction) through the services' own producer, keyed by correlationId and zstd-compressed.
/// </summary>
internal static class CorpusLoader
{
    public static async Task<LoadedCorpus> LoadAsync(MockCluster cluster, CorpusSettings settings, CancellationToken cancellationToken)
    {
        cluster.CreateTopic(settings.Topic, settings.Partitions);
        var source = new TopicSource(cluster.BootstrapServers, settings.Topic, settings.Partitions, settings.Facts);
        var sampler = new CorpusSampler(new Random(settings.Seed));

        var started = Stopwatch.GetTimestamp();
        using (var producer = new FactProducer(ProducerOptions(source)))
        {
            var generator = new FlowGenerator(new SimulatorOptions { Seed = settings.Seed, Profile = SimulatorProfile.Benchmark });
            var traffic = new TrafficSimulator(generator, new SamplingSink(new FactProducerSink(producer), sampler),
                new TrafficOptions { RatePerSecond = 0, MaxFacts = settings.Facts });
            await traffic.RunAsync(cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
        }
        var loadSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var spread = RetentionCheck.EnsureAllRetained(source);
        sampler.Samples.Save(settings.SamplesPath);
        return new LoadedCorpus(source, sampler.Transactions, sampler.RawBytes, loadSeconds, spread, settings.SamplesPath, sampler.Samples);
    }

    /// <summary>The product's producer settings, plus what a bulk loader wants: compression and fuller batches.</summary>
    private static FactProducerOptions ProducerOptions(TopicSource source) => new()
    {
        Topic = source.Topic,
        Kafka = new KafkaOptions
        {
            BootstrapServers = source.BootstrapServers,
            Client = { ["compression.type"] = "zstd", ["linger.ms"] = "50" },
        },
    };
}
