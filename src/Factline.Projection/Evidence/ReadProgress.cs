using Factline.Storage;

namespace Factline.Projection.Evidence;

/// <summary>A snapshot of how far every projected partition has been read.</summary>
public sealed record ReadProgress(IReadOnlyList<PartitionProgress> Partitions, DateTimeOffset TakenAt)
{
    /// <summary>Configured topics the cluster does not have: nothing of them is projected, and no partition of theirs is listed.</summary>
    public IReadOnlyList<string> MissingTopics { get; init; } = [];

    /// <summary>Records not read yet across the given partitions; null if any log end is unknown, or no partition is known at all.</summary>
    public long? LagOf(IEnumerable<PartitionProgress> partitions)
    {
        long? total = null;
        foreach (var partition in partitions)
        {
            if (partition.Lag is not { } lag)
                return null;
            total = (total ?? 0) + lag;
        }
        return total;
    }

    public long? Lag => LagOf(Partitions);

    /// <summary>The broker time of the newest record read in any partition.</summary>
    public DateTimeOffset? ObservedThrough => Partitions.Max(p => p.ObservedThrough);

    public bool CaughtUp => Partitions.Count > 0 && Partitions.All(p => p.CaughtUp);

    public PartitionProgress? For(PartitionId partition) => Partitions.FirstOrDefault(p => p.Partition == partition);
}
