namespace Factline.Storage;

/// <summary>
/// Log order: topic, partition, offset; the tie-break of every <see cref="Queries.FactSort"/>. The broker's clock plays
/// no part in it. Topics compare ordinally, which for Kafka's topic names (ASCII letters, digits, '.', '_', '-') is
/// also the byte order SQL stores compare them in.
/// </summary>
public sealed class LogPositionOrder : IComparer<LogPosition>
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
