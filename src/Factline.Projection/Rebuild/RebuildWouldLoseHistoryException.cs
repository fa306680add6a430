using Factline.Storage;

namespace Factline.Projection.Rebuild;

/// <summary>
/// A rebuild refused because the live view holds records that Kafka no longer has (retention deleted them since they were
/// read, or the log was replaced under the view): the rebuilt view, read from what Kafka has, would not hold them, and
/// nothing else does.
/// </summary>
public sealed class RebuildWouldLoseHistoryException(IReadOnlyList<HeldHistory> held) : InvalidOperationException(
    "the live view holds records that Kafka no longer has (deleted by retention since they were read, or in a log replaced " +
    $"since), which a rebuild (it reads what Kafka has) would drop: what it read of {string.Join(", ", held)}")
{
    public IReadOnlyList<HeldHistory> Held { get; } = held;
}

/// <summary>
/// Offsets <see cref="From"/> up to, not including, <see cref="To"/> of a partition (of the log read then): gone from Kafka,
/// and read by the live view but for any it lost to a history gap of its own.
/// </summary>
public readonly record struct HeldHistory(PartitionId Partition, long From, long To)
{
    public override string ToString() => $"{Partition} offsets {From}..{To - 1}";
}
