using Factline.Kafka;
using Factline.Projection.Replay;
using Factline.Storage;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Projection;

/// <summary>
/// Answers offsets-for-times the way a Kafka broker does, by reading the log itself: the mock broker
/// does not implement the request (it always answers the log end). Remembers what it was asked.
/// </summary>
public sealed class LogScanOffsetsForTimes(MockKafkaFixture kafka, string topic) : IOffsetsForTimes
{
    public List<(DateTimeOffset Time, IReadOnlyCollection<PartitionId> Partitions)> Requests { get; } = [];

    public IReadOnlyDictionary<PartitionId, long> Resolve(IReadOnlyCollection<PartitionId> partitions, DateTimeOffset time)
    {
        Requests.Add((time, partitions));
        var records = kafka.ConsumeAll(topic).Select(KafkaLogPosition.Of).ToArray();
        var ends = SimulatedLog.Ends(kafka, topic);
        return partitions.ToDictionary(
            p => p,
            p => records.Where(r => r.PartitionId == p && r.BrokerTimestamp >= time).Select(r => (long?)r.Offset).FirstOrDefault() ?? ends[p]);
    }
}
