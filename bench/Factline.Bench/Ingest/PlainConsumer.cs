using Confluent.Kafka;
using Factline.Bench.Corpus;
using Factline.Kafka;

namespace Factline.Bench.Ingest;

/// <summary>How many records a plain read of the topic saw, and how long it took to reach the end of every partition.</summary>
public readonly record struct TopicRead(long Records, WorkTime Time);

/// <summary>
/// A bare Confluent.Kafka consumer with the projector's own client settings: it reads every record
/// of the topic once and hands it to a callback. The baseline every ingest is compared with, and the
/// engine of the topic scan that users fall back on without Factline.
/// </summary>
internal static class PlainConsumer
{
    /// <summary>Reads from the beginning until every partition has reported its end.</summary>
    public static TopicRead ReadAll(TopicSource source, string purpose, Action<ConsumeResult<byte[]?, byte[]?>> onRecord, CancellationToken cancellationToken)
    {
        var timer = WorkTimer.Start();
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.ForConsumer(source.KafkaFor(purpose))).Build();
        consumer.Subscribe(source.Topic);
        var finished = new HashSet<int>();
        long records = 0;
        while (finished.Count < source.Partitions)
        {
            var record = consumer.Consume(cancellationToken);
            if (record.IsPartitionEOF)
            {
                finished.Add(record.Partition.Value);
                continue;
            }
            records++;
            onRecord(record);
        }
        var time = timer.Stop();
        consumer.Close();
        return new TopicRead(records, time);
    }
}
