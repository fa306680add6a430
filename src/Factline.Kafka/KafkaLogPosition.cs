using Confluent.Kafka;
using Factline.Storage;

namespace Factline.Kafka;

/// <summary>Turns Confluent's record coordinates into the <see cref="LogPosition"/> kept beside every fact.</summary>
public static class KafkaLogPosition
{
    public static LogPosition Of<TKey, TValue>(ConsumeResult<TKey, TValue> record) =>
        Of(record.TopicPartitionOffset, record.Message.Timestamp);

    public static LogPosition Of<TKey, TValue>(DeliveryResult<TKey, TValue> delivery) =>
        Of(delivery.TopicPartitionOffset, delivery.Timestamp);

    private static LogPosition Of(TopicPartitionOffset coordinates, Timestamp timestamp) => new(
        coordinates.Topic,
        coordinates.Partition.Value,
        coordinates.Offset.Value,
        timestamp.Type == TimestampType.NotAvailable ? null : DateTimeOffset.FromUnixTimeMilliseconds(timestamp.UnixTimestampMs));
}
