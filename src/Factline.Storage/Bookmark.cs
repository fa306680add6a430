namespace Factline.Storage;

/// <summary>
/// The next offset to read in a partition. Kafka offsets can skip numbers (transactions,
/// compaction), so this is always "next to read", never a count of records.
/// </summary>
public readonly record struct Bookmark(PartitionId Partition, long NextOffset);
