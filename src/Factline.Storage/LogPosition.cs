namespace Factline.Storage;

/// <summary>Where a record sits in Kafka, and the broker's clock for it: the evidence behind every fact.</summary>
public readonly record struct LogPosition(string Topic, int Partition, long Offset, DateTimeOffset? BrokerTimestamp)
{
    public PartitionId PartitionId => new(Topic, Partition);

    public override string ToString() => $"{Topic}/{Partition}@{Offset}";
}
