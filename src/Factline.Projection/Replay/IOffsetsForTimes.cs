using Factline.Storage;

namespace Factline.Projection.Replay;

/// <summary>
/// Finds, for a point in time, where each partition's log reaches it. The seam exists because
/// librdkafka's mock cluster does not implement Kafka's OffsetsForTimes (it always answers the log
/// end), so tests of the time-based start replace it; production uses <see cref="KafkaOffsetsForTimes"/>.
/// </summary>
public interface IOffsetsForTimes
{
    /// <summary>
    /// For each partition, the offset of the first record whose broker time is at or after
    /// <paramref name="time"/>, or the log end when no record is that recent.
    /// </summary>
    IReadOnlyDictionary<PartitionId, long> Resolve(IReadOnlyCollection<PartitionId> partitions, DateTimeOffset time);
}
