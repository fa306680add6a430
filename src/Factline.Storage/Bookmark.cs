namespace Factline.Storage;

/// <summary>
/// How far a partition has been read. Kafka offsets can skip numbers (transactions, compaction), so
/// the position is always "next to read", never a count of records.
/// </summary>
/// <param name="ObservedThrough">The broker time of the newest record read: the log's own clock.</param>
/// <param name="LostRecords">
/// Records this projection will never hold, in total: deleted by Kafka's retention before it read them,
/// or skipped because it was told to start past them. A history gap that a replay cannot repair (the
/// first kind) or that only a rebuild can (the second), so it is kept and reported, never hidden.
/// </param>
/// <param name="UnbrokenFrom">
/// Where the newest history gap ends: the offset reading resumed at after it. Every record from here on has been read
/// (up to <paramref name="NextOffset"/>), so a fact read before it may have lost later facts of its transaction to the gap,
/// and one read from it on has not. 0 while <paramref name="LostRecords"/> is 0.
/// </param>
/// <param name="LastRead">
/// The newest record read (null until one is, and in bookmarks of releases before it was kept): a start compares it with
/// the record the log holds at its offset, so that records of a log replaced while nobody read it (the topic created
/// again, another cluster under the same address) are never mixed with those read before.
/// </param>
/// <param name="FirstReadOffset">
/// The offset of the oldest record read (null until one is, and in bookmarks of releases before it was kept). A rebuild
/// reads only what Kafka retains: records from here up to a log start that retention has since moved past are history
/// only this view holds, which a rebuild would drop.
/// </param>
/// <param name="LogReplaced">
/// The partition's log was replaced under this view (the topic created again, or truncated): its records are not read
/// into it any more, and answers about the partition say so, until a rebuild reads the log as it is now.
/// </param>
/// <param name="MisplacedFacts">
/// Facts read here whose correlationId Kafka's default partitioner places in another partition of the topic (a producer
/// keying by something else): while a topic has any, an answer about one correlationId cannot be judged by its partition alone.
/// </param>
/// <param name="OwnerGeneration">
/// The assignment generation of the partition's writer: moved on by every claim
/// (<see cref="IProjectionWriter.ClaimAsync"/>), so each new owner holds a larger one than every owner
/// before it. A batch carries the generation its writer claimed; a store refuses it once a newer claim is stored.
/// </param>
public readonly record struct Bookmark(PartitionId Partition, long NextOffset, DateTimeOffset? ObservedThrough = null, long LostRecords = 0, long OwnerGeneration = 0, long UnbrokenFrom = 0,
    RecordFingerprint? LastRead = null, long MisplacedFacts = 0, long? FirstReadOffset = null, bool LogReplaced = false);
