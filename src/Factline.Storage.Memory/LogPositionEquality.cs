namespace Factline.Storage.Memory;

/// <summary>Two positions are the same record when topic, partition and offset match; the broker clock is evidence, not identity.</summary>
internal sealed class LogPositionEquality : IEqualityComparer<LogPosition>
{
    public static readonly LogPositionEquality Instance = new();

    public bool Equals(LogPosition x, LogPosition y) => LogPositionOrder.Instance.Compare(x, y) == 0;

    public int GetHashCode(LogPosition position) => HashCode.Combine(position.Topic, position.Partition, position.Offset);
}
