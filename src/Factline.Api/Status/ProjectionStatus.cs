using System.ComponentModel;

namespace Factline.Api.Status;

/// <summary>How far the projection has read the log, partition by partition, and what it has set aside.</summary>
[Description("How far the projection has read each partition of the log, and what it has quarantined.")]
internal sealed record ProjectionStatus(
    [property: Description("True when every partition has been read to its log end.")] bool CaughtUp,
    [property: Description("Records not read yet, in all partitions; null while any partition's log end is unknown (not read yet, or expired).")] long? Lag,
    [property: Description("Broker time of the newest fact read, in any partition.")] string? ObservedThrough,
    [property: Description("True when retention deleted records before they were read, in any partition.")] bool HistoryGap,
    [property: Description("Configured topics (Factline:Kafka:Topics) the Kafka cluster does not have, at the last watermark refresh: " +
        "nothing of them is projected and none of their partitions is listed, so every answer covers only the other topics.")] IReadOnlyList<string> MissingTopics,
    [property: Description("Facts stored.")] long Facts,
    [property: Description("Exact re-deliveries of a stored fact, not stored again.")] long Duplicates,
    [property: Description("Records set aside, by reason.")] IReadOnlyDictionary<string, long> QuarantinedByReason,
    IReadOnlyList<PartitionStatus> Partitions);

[Description("One topic-partition: the projection's bookmark against Kafka's watermarks.")]
internal sealed record PartitionStatus(
    string Topic,
    int Partition,
    [property: Description("The next offset the projection will read.")] long Bookmark,
    [property: Description("The first offset Kafka still retains (low watermark).")] long? LogStartOffset,
    [property: Description("Broker time of the record at the low watermark.")] string? LogStartTime,
    [property: Description("The offset the next record will get (high watermark).")] long? LogEndOffset,
    [property: Description("True when Kafka has not reported this partition's log start and end for longer than Factline:Evidence:MaxWatermarkAge: they are shown as last read, and the lag is unknown.")] bool WatermarksExpired,
    [property: Description("When the log start and end were read from Kafka (every Factline:Evidence:RefreshInterval). The bookmark moves with every batch, so it can be ahead of a log end read before the newest records arrived.")] string? WatermarksReadAt,
    [property: Description("Records not read yet.")] long? Lag,
    [property: Description("Broker time of the newest record read.")] string? ObservedThrough,
    [property: Description("Records this projection will never hold: deleted by retention before they were read, or skipped by a start position (--from).")] long LostRecords,
    [property: Description("True when history is missing from this partition's projection.")] bool HistoryGap,
    [property: Description("Facts read here whose correlationId Kafka's default partitioner places in another partition (a producer keying records " +
        "by something else). While a topic has any, an answer about one correlationId waits for every partition of that topic.")] long MisplacedFacts,
    [property: Description("True when the partition's log was replaced under the projection (the topic created again, or truncated): it is " +
        "paused, its records not read into this view, until a rebuild has read the log as it is now (factline rebuild).")] bool LogReplaced,
    [property: Description("Records of this partition set aside.")] long Quarantined);
