using Factline.Storage;

namespace Factline.Projection.Rebuild;

/// <summary>
/// A rebuild refused because the live view holds records that Kafka's retention has deleted since they were read: the
/// rebuilt view, read from what Kafka retains, would not hold them, and nothing else does.
/// </summary>
public sealed class RebuildWouldLoseHistoryException(IReadOnlyList<HeldHistory> held) : InvalidOperationException(
    "the live view holds records that Kafka's retention has deleted since they were read, which a rebuild (it reads what " +
    $"Kafka retains) would drop: {string.Join(", ", held)}")
{
    public IReadOnlyList<HeldHistory> Held { get; } = held;
}

/// <summary>Offsets <see cref="From"/> up to, not including, <see cref="To"/> of a partition: read by the live view, gone from Kafka.</summary>
public readonly record struct HeldHistory(PartitionId Partition, long From, long To)
{
    public override string ToString() => $"{Partition} offsets {From}..{To - 1}";
}
