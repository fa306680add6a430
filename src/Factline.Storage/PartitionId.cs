namespace Factline.Storage;

/// <summary>One Kafka topic-partition.</summary>
public readonly record struct PartitionId(string Topic, int Partition)
{
    public override string ToString() => $"{Topic}/{Partition}";
}
