using Confluent.Kafka;
using Factline.Kafka;
using Factline.Storage;
using Microsoft.Extensions.Logging;

namespace Factline.Projection.Replay;

/// <summary>Kafka's own offsets-for-times lookup (ListOffsets by timestamp), from a consumer that never joins a group.</summary>
public sealed class KafkaOffsetsForTimes : IOffsetsForTimes, IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly Lazy<IConsumer<byte[]?, byte[]?>> _consumer;

    public KafkaOffsetsForTimes(KafkaOptions kafka, ILogger<KafkaOffsetsForTimes> logger)
    {
        var config = KafkaClientConfigs.ForConsumer(kafka);
        config.GroupId = $"{kafka.GroupId}.offsets-for-times"; // never joins: it only asks the brokers
        _consumer = new(() => new ConsumerBuilder<byte[]?, byte[]?>(config).LoggingTo(logger).Build());
    }

    public IReadOnlyDictionary<PartitionId, long> Resolve(IReadOnlyCollection<PartitionId> partitions, DateTimeOffset time)
    {
        var timestamp = new Timestamp(time);
        var request = partitions.Select(p => new TopicPartitionTimestamp(p.Topic, p.Partition, timestamp)).ToList();
        var offsets = new Dictionary<PartitionId, long>(partitions.Count);
        // Throws a KafkaException when the brokers cannot answer; the caller does not start on a guess.
        foreach (var found in _consumer.Value.OffsetsForTimes(request, RequestTimeout))
        {
            var partition = new PartitionId(found.Topic, found.Partition.Value);
            // Kafka answers "no record at or after that time" with the logical end (-1).
            offsets[partition] = found.Offset == Offset.End
                ? _consumer.Value.QueryWatermarkOffsets(found.TopicPartition, RequestTimeout).High.Value
                : found.Offset.Value;
        }
        return offsets;
    }

    public void Dispose()
    {
        if (_consumer.IsValueCreated)
            _consumer.Value.Dispose();
    }
}
