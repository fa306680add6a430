using Confluent.Kafka;
using Factline.Envelope;
using Factline.Kafka;
using Factline.Kafka.Producing;
using Factline.Simulator;
using Factline.Storage;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Projection;

/// <summary>Fills a topic with simulated TM Forum traffic and reads back where each partition's log starts and ends.</summary>
public static class SimulatedLog
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Produces whole simulated transactions until at least <paramref name="minimumFacts"/> facts are written.
    /// zstd keeps about ten times more of this repetitive JSON within the mock broker's ~5 MiB per partition.
    /// </summary>
    public static IReadOnlyList<Fact> Produce(MockKafkaFixture kafka, string topic, int minimumFacts, int seed = 7)
    {
        var generator = new FlowGenerator(new SimulatorOptions { Seed = seed });
        var facts = new List<Fact>(minimumFacts + 100);
        foreach (var transaction in generator.Transactions())
        {
            if (facts.Count >= minimumFacts)
                break;
            facts.AddRange(transaction.Facts.Select(f => f.Fact));
        }

        var cluster = kafka.Options();
        cluster.Client["compression.type"] = "zstd";
        using var producer = new FactProducer(new FactProducerOptions { Kafka = cluster, Topic = topic });
        foreach (var fact in facts)
            producer.Produce(fact);
        producer.Flush();
        return facts;
    }

    /// <summary>Every partition of the topic with its low and high watermark.</summary>
    public static IReadOnlyDictionary<PartitionId, WatermarkOffsets> Watermarks(MockKafkaFixture kafka, string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.ForConsumer(kafka.Options(topic))).Build();
        return TopicReader.Partitions(kafka.BootstrapServers, topic).ToDictionary(
            p => new PartitionId(p.Topic, p.Partition.Value),
            p => consumer.QueryWatermarkOffsets(p, RequestTimeout));
    }

    /// <summary>Where each partition's log ends: the bookmark a fully caught-up projection holds.</summary>
    public static IReadOnlyDictionary<PartitionId, long> Ends(MockKafkaFixture kafka, string topic) =>
        Watermarks(kafka, topic).ToDictionary(w => w.Key, w => w.Value.High.Value);
}
