namespace Factline.Storage;

/// <summary>
/// A batch was refused, whole, because another writer has claimed some of its partitions since its
/// writer did (a rebalance moved them while the batch was in flight). Nothing of the batch was applied;
/// the new owner reads those records again from its stored bookmark.
/// </summary>
public sealed class StaleOwnerException(IReadOnlyList<PartitionId> partitions)
    : Exception($"another writer has claimed {string.Join(", ", partitions)} since this batch's writer did: the batch was refused")
{
    /// <summary>The partitions of the batch whose stored generation is newer than the batch's.</summary>
    public IReadOnlyList<PartitionId> Partitions { get; } = partitions;
}
