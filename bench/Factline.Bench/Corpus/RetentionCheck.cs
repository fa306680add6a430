using Confluent.Kafka;
using Factline.Kafka;

namespace Factline.Bench.Corpus;

/// <summary>
/// Proves by counting that the mock broker still holds every record produced. It keeps only about
/// 5 MiB per partition and silently drops the oldest batches beyond that (GUIDE §4).
/// </summary>
internal static class RetentionCheck
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <returns>The fewest and most records held by one partition.</returns>
    /// <exception cref="InvalidOperationException">A partition lost records, or the topic holds another count.</exception>
    public static PartitionSpread EnsureAllRetained(TopicSource source)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(KafkaClientConfigs.ForConsumer(source.KafkaFor("retention-check"))).Build();
        var counts = new List<long>();
        for (var partition = 0; partition < source.Partitions; partition++)
        {
            var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(source.Topic, partition), RequestTimeout);
            if (watermarks.Low.Value != 0)
                throw new InvalidOperationException(
                    $"The mock broker dropped the first {watermarks.Low.Value} records of {source.Topic}/{partition}: it keeps about 5 MiB per partition. Use more partitions (--partitions).");
            counts.Add(watermarks.High.Value);
        }
        if (counts.Sum() != source.Facts)
            throw new InvalidOperationException($"{source.Topic} holds {counts.Sum()} records; {source.Facts} were produced.");
        return new PartitionSpread(counts.Min(), counts.Max());
    }
}
