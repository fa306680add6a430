using System.Collections.Concurrent;
using Confluent.Kafka;
using Factline.Storage;

namespace Factline.Kafka;

/// <summary>Turns Confluent's record coordinates into the <see cref="LogPosition"/> kept beside every fact.</summary>
public static class KafkaLogPosition
{
    /// <summary>
    /// One instance per topic name: Confluent makes a new string for the topic of every record, and a position lives as
    /// long as the fact it locates (for good in the memory store). Bounded by the cluster's topics.
    /// </summary>
    private static readonly ConcurrentDictionary<string, string> TopicNames = new(StringComparer.Ordinal);

    public static LogPosition Of<TKey, TValue>(ConsumeResult<TKey, TValue> record) =>
        Of(record.TopicPartitionOffset, record.Message.Timestamp);

    public static LogPosition Of<TKey, TValue>(DeliveryResult<TKey, TValue> delivery) =>
        Of(delivery.TopicPartitionOffset, delivery.Timestamp);

    private static LogPosition Of(TopicPartitionOffset coordinates, Timestamp timestamp) => new(
        TopicNames.GetOrAdd(coordinates.Topic, static name => name),
        coordinates.Partition.Value,
        coordinates.Offset.Value,
        timestamp.Type == TimestampType.NotAvailable ? null : DateTimeOffset.FromUnixTimeMilliseconds(timestamp.UnixTimestampMs));
}
