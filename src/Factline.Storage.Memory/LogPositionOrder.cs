namespace Factline.Storage.Memory;

/// <summary>Log order: topic (ordinal), partition, offset. The broker's clock plays no part in it.</summary>
internal sealed class LogPositionOrder : IComparer<LogPosition>
{
    public static readonly LogPositionOrder Instance = new();

    public int Compare(LogPosition x, LogPosition y) => Compare(x.Topic, x.Partition, x.Offset, y.Topic, y.Partition, y.Offset);

    public static int Compare(string topicX, int partitionX, long offsetX, string topicY, int partitionY, long offsetY)
    {
        var byTopic = string.CompareOrdinal(topicX, topicY);
        if (byTopic != 0)
            return byTopic;
        var byPartition = partitionX.CompareTo(partitionY);
        return byPartition != 0 ? byPartition : offsetX.CompareTo(offsetY);
    }
}
